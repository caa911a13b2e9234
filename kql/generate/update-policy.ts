/** Builder for the update policy that routes Staging ingestions into one target table. */
import type { CatalogTable } from "@/kql/catalog";
import { filterFunctionName } from "@/kql/catalog";
import { quoteIdentifier, quoteVerbatimLiteral, validateEntityName } from "@/kql/quote";

import type { StagingOptions } from "./staging";

/**
 * The update policy JSON, spaced exactly like the seed article:
 * `[{"IsEnabled": true, "Source": "Staging", "Query": "Filter<Table>()", "IsTransactional": true, "PropagateIngestionProperties": true}]`.
 * Transactional because ADX requires it for a source with zero retention (Staging keeps nothing), and because a
 * failing query then fails the ingestion, which is retried, instead of silently dropping the rows.
 * `Source` is a plain table name inside JSON (not KQL), so it is validated and JSON-escaped rather than bracketed.
 * @throws {KqlNameError} when the Staging table name breaks ADX's entity-name rules
 */
export function buildUpdatePolicyJson(table: CatalogTable, { stagingTable }: StagingOptions): string {
  validateEntityName(stagingTable, "Staging table name");
  const query = `${quoteIdentifier(filterFunctionName(table.name))}()`;
  return (
    `[{"IsEnabled": true, "Source": ${JSON.stringify(stagingTable)}, "Query": ${JSON.stringify(query)}, ` +
    `"IsTransactional": true, "PropagateIngestionProperties": true}]`
  );
}

/**
 * `.alter table <Table> policy update @'[…]'`: replaces the table's whole update policy with the one entry
 * reading from Staging (`.alter`, not `.alter-merge`, so re-running never adds a duplicate entry).
 * @throws {KqlNameError} when the Staging table name breaks ADX's entity-name rules
 */
export function buildUpdatePolicyCommand(table: CatalogTable, options: StagingOptions): string {
  return `.alter table ${quoteIdentifier(table.name)} policy update ${quoteVerbatimLiteral(buildUpdatePolicyJson(table, options))}`;
}
