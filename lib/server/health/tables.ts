import "server-only";
import { defenderTables } from "@/kql/catalog";
import { normalizeColumnType } from "@/kql/state";
import { quoteIdentifier } from "@/kql/quote";
import { AppError } from "@/lib/errors";
import type { KustoExecutor } from "@/lib/server/kusto";
import { databaseEntry } from "@/lib/server/state/normalize";
import { databaseSchemaRowSchema, parseRows, schemaJsonSchema } from "@/lib/server/state/show-schemas";

/** The catalog tables a health query may read, and why others are left out. */
export interface HealthTables {
  /** Existing catalog tables whose `Timestamp` is a datetime, in catalog order. */
  names: string[];
  warnings: string[];
}

/**
 * ONE round trip (`.show database D schema as json`) for which catalog tables exist with a datetime `Timestamp`.
 * Health queries then union exactly those: a union over a missing table is a semantic error on ADX and the local
 * engine alike, and a `Timestamp` of another type would split the column in the union.
 */
export async function readHealthTables(executor: KustoExecutor, database: string): Promise<HealthTables> {
  const command = `.show database ${quoteIdentifier(database)} schema as json`;
  const row = parseRows(databaseSchemaRowSchema, await executor.executeCommand(database, command), command)[0];
  if (!row) throw new AppError("internal:kusto", `${command} returned no row.`);
  let json: unknown;
  try {
    json = JSON.parse(row.DatabaseSchema);
  } catch {
    throw new AppError("internal:kusto", `${command} returned a DatabaseSchema that is not JSON.`);
  }
  const doc = schemaJsonSchema.safeParse(json);
  if (!doc.success) throw new AppError("internal:kusto", `${command} returned an unexpected document.`);
  const existing = databaseEntry(doc.data, database)?.Tables ?? {};
  return healthTablesFrom(
    Object.fromEntries(
      Object.values(existing).map((t) => [
        t.Name,
        (t.OrderedColumns ?? []).map((c) => ({ name: c.Name, type: c.CslType ?? c.Type ?? "" })),
      ]),
    ),
  );
}

/** Pure part of {@link readHealthTables}: existing tables (name → columns) → the catalog tables to query. */
export function healthTablesFrom(
  existing: Readonly<Record<string, readonly { name: string; type: string }[]>>,
): HealthTables {
  const names: string[] = [];
  const warnings: string[] = [];
  for (const table of defenderTables) {
    const columns = existing[table.name];
    if (!columns) continue;
    const timestamp = columns.find((c) => c.name === "Timestamp");
    if (!timestamp || normalizeColumnType(timestamp.type) !== "datetime") {
      warnings.push(`${table.name} is left out: its Timestamp column is missing or not a datetime.`);
      continue;
    }
    names.push(table.name);
  }
  return { names, warnings };
}
