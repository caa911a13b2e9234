/** SQL text helpers shared by the storage layer (values are always bound, identifiers always quoted). */

/** Quotes a DuckDB identifier; Kusto names go in verbatim (case-sensitive, any character). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The DuckDB table that holds the rows of Kusto table `name`: `"t"."<name>"`. */
export function dataTableRef(name: string): string {
  return `${quoteIdent("t")}.${quoteIdent(name)}`;
}

/** Names of the two system columns after the Kusto columns of every data table. */
export const EXTENT_ID_COLUMN = "$extent_id";
export const INGESTION_TIME_COLUMN = "$ingestion_time";
