/** Builders for the target tables that receive each Defender table's rows. */
import type { CatalogTable } from "@/kql/catalog";
import { filterFunctionName } from "@/kql/catalog";
import { quoteIdentifier } from "@/kql/quote";

/**
 * `.create-merge table <Table> (<Col>: <type>, …)` with the catalog's columns in catalog order.
 * `.create-merge` adds columns a newer catalog introduces and leaves existing data alone; it fails (rather than
 * silently diverging) when an existing column has another type.
 */
export function buildCreateMergeTableCommand(table: CatalogTable): string {
  const columns = table.columns.map((c) => `${quoteIdentifier(c.name)}: ${c.type}`).join(", ");
  return `.create-merge table ${quoteIdentifier(table.name)} (${columns})`;
}

/**
 * `.set-or-append <Table> <| Filter<Table>()`: copies the rows already in Staging into the table (the seed's
 * backfill). Only useful while Staging still retains data, i.e. before its retention is set to 0.
 */
export function buildBackfillCommand(table: CatalogTable): string {
  return `.set-or-append ${quoteIdentifier(table.name)} <| ${quoteIdentifier(filterFunctionName(table.name))}()`;
}
