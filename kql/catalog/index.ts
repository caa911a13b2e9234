/**
 * The Defender XDR Advanced Hunting tables that the Streaming API can deliver, as typed data.
 * Self-contained on purpose: nothing here reads files at runtime, so the browser, the server and CI share it.
 */
import { alertTables } from "./tables/alerts";
import { cloudAppTables } from "./tables/cloud-apps";
import { deviceEventTables } from "./tables/device-events";
import { deviceInventoryTables } from "./tables/device-inventory";
import { deviceProcessFileTables } from "./tables/device-process-file";
import { emailTables } from "./tables/email";
import { identityTables } from "./tables/identity";
import { previewTables } from "./tables/preview";
import type { CatalogTable, TableFamily } from "./types";

export type { CatalogColumn, CatalogTable, KustoType, TableFamily } from "./types";

import { TABLE_FAMILIES } from "./families";

export { TABLE_FAMILIES };

/** Default name of the table the Event Hub data connection ingests into. */
export const DEFAULT_STAGING_TABLE = "Staging";
/** Default name of the Staging table's JSON ingestion mapping. */
export const DEFAULT_STAGING_MAPPING = "StagingMapping";
/** Folder of the generated `Filter<Table>()` functions (the seed article's folder). */
export const FUNCTION_FOLDER = "UpdatePolicies";

/** Name of the function that extracts one table's rows from Staging, e.g. `FilterDeviceInfo`. */
export function filterFunctionName(table: string): string {
  return `Filter${table}`;
}

/**
 * All 26 tables (21 GA, 5 preview), ordered by family ({@link TABLE_FAMILIES}) and then by name, so that
 * every list, script and export shows them in the same stable order.
 */
export const defenderTables: readonly CatalogTable[] = Object.freeze(
  [
    ...deviceEventTables,
    ...deviceInventoryTables,
    ...deviceProcessFileTables,
    ...alertTables,
    ...emailTables,
    ...identityTables,
    ...cloudAppTables,
    ...previewTables,
  ].sort(
    (a, b) =>
      TABLE_FAMILIES.indexOf(a.family) - TABLE_FAMILIES.indexOf(b.family) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  ),
);

/** Table names in catalog order. */
export const tableNames: readonly string[] = Object.freeze(defenderTables.map((t) => t.name));

const byName: ReadonlyMap<string, CatalogTable> = new Map(defenderTables.map((t) => [t.name, t]));

/** The table with exactly this name (names are case-sensitive, as in Kusto), or `undefined`. */
export function findTable(name: string): CatalogTable | undefined {
  return byName.get(name);
}

/** Thrown by {@link getTable} for a name that is not in the catalog. */
export class UnknownTableError extends Error {
  /** The name that was asked for. */
  readonly tableName: string;
  /** Every valid table name, in catalog order. */
  readonly validNames: readonly string[];

  constructor(tableName: string) {
    super(`Unknown Defender table ${JSON.stringify(tableName)}. Valid tables: ${tableNames.join(", ")}`);
    this.name = "UnknownTableError";
    this.tableName = tableName;
    this.validNames = tableNames;
  }
}

/**
 * The table with exactly this name.
 * @throws {UnknownTableError} when the name is not in the catalog; the message lists the valid names.
 */
export function getTable(name: string): CatalogTable {
  const table = byName.get(name);
  if (!table) throw new UnknownTableError(name);
  return table;
}

/** Tables grouped by family, families in {@link TABLE_FAMILIES} order, tables in catalog order. */
export function tablesByFamily(): ReadonlyMap<TableFamily, readonly CatalogTable[]> {
  return new Map(TABLE_FAMILIES.map((family) => [family, defenderTables.filter((t) => t.family === family)]));
}
