/**
 * DuckDB functions the compiled SQL calls that DuckDB lacks, implemented in JS: `kql_buildschema(VARCHAR[])`.
 * DuckDB keeps a registered function in its system catalog, so it is visible to every connection of the instance
 * (but not persisted): register once per instance, before running compiled SQL that needs it.
 */
import { DuckDBListValue, DuckDBScalarFunction, LIST, VARCHAR, type DuckDBConnection } from "@duckdb/node-api";

import { buildSchema } from "./buildschema";

/** Name of the function merging a list of JSON texts into their `buildschema()` (JSON text, or NULL). */
export const BUILDSCHEMA_FUNCTION = "kql_buildschema";

const registered = new WeakSet<DuckDBConnection>();

function buildschemaFunction(): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: BUILDSCHEMA_FUNCTION,
    returnType: VARCHAR,
    parameterTypes: [LIST(VARCHAR)],
    mainFunction: (_info, input, output) => {
      const values = input.getColumnVector(0);
      for (let row = 0; row < input.rowCount; row++) {
        const list = values.getItem(row);
        const texts = list instanceof DuckDBListValue ? (list.items as (string | null)[]) : [];
        const schema = buildSchema(texts);
        output.setItem(row, schema === null ? null : JSON.stringify(schema));
      }
      output.flush();
    },
  });
}

/** Registers the engine's JS functions on the connection's DuckDB instance (idempotent). */
export function ensureQueryFunctions(connection: DuckDBConnection): void {
  if (registered.has(connection)) return;
  try {
    connection.registerScalarFunction(buildschemaFunction());
  } catch (error) {
    // Another connection of the same instance registered it already.
    if (!/already exists/i.test(String((error as Error).message))) throw error;
  }
  registered.add(connection);
}
