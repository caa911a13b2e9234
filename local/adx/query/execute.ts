/** Runs a compiled query on a DuckDB connection and returns Kusto wire values. */
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";

import type { CompiledQuery } from "./compile";
import { ensureQueryFunctions } from "./duckdb-functions";
import { Sql, compileSql, sql } from "./sql";
import { toWire, wireSelect } from "./wire";

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

/** Executes `q` and converts every cell to its Kusto JSON wire form (see `wire.ts`). */
export async function executeCompiled(connection: DuckDBConnection, q: CompiledQuery): Promise<QueryResult> {
  ensureQueryFunctions(connection);
  const reads = q.columns.map((c, i) => sql`${wireSelect(Sql.id(c.name), c.type)} AS ${Sql.id(`c${i}`)}`);
  // The wrapper only adds constant SQL around the compiled text; its own parameters stay the compiled ones.
  const wrapper = compileSql(
    sql`SELECT ${reads.length ? Sql.join(reads) : Sql.raw("1")} FROM (${Sql.raw(q.sql)}) AS "_result"`,
  );
  const reader = await connection.runAndReadAll(wrapper.text, q.params as DuckDBValue[]);
  const rows = reader.getRows().map((row) => q.columns.map((c, i) => toWire(row[i], c.type)));
  return { columns: q.columns, rows };
}
