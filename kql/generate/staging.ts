/**
 * Builders for the Staging table, which the Event Hub data connection fills with whole messages
 * (`{"records":[…]}`) in a single dynamic column.
 */
import { quoteIdentifier, quoteSingleQuotedLiteral, quoteStringLiteral, validateEntityName } from "@/kql/quote";

/** Names of the Staging table and its mapping, as the user configured them. */
export interface StagingOptions {
  /** Name of the Staging table (user-configurable; checked against ADX's entity-name rules). */
  readonly stagingTable: string;
}

/** {@link StagingOptions} plus the JSON ingestion mapping's name. */
export interface StagingMappingOptions extends StagingOptions {
  /** Name of the JSON ingestion mapping the data connection references. */
  readonly mappingName: string;
}

/** The column of the Staging table that holds each whole Event Hub message. */
export const STAGING_RAW_COLUMN = "Raw";

/**
 * The Staging table's name as it appears in KQL, after checking ADX's entity-name rules.
 * @throws {KqlNameError} when the name breaks them
 */
export function stagingTableIdentifier(stagingTable: string): string {
  return quoteIdentifier(validateEntityName(stagingTable, "Staging table name"));
}

/**
 * `.create-merge table Staging (Raw: dynamic)`. `.create-merge` rather than the seed's `.create` so that re-running
 * the script is harmless and a table created by hand earlier is reused.
 * @throws {KqlNameError} when the Staging table name breaks ADX's entity-name rules
 */
export function buildCreateStagingTableCommand({ stagingTable }: StagingOptions): string {
  return `.create-merge table ${stagingTableIdentifier(stagingTable)} (${quoteIdentifier(STAGING_RAW_COLUMN)}: dynamic)`;
}

/**
 * `.create-or-alter table Staging ingestion json mapping "StagingMapping" '[{"column":"Raw","Properties":{"Path":"$"}}]'`:
 * maps the whole JSON document (`$`) to `Raw`. `.create-or-alter` because `.create` fails when the mapping exists.
 * @throws {KqlNameError} when the table or mapping name breaks ADX's entity-name rules
 */
export function buildStagingMappingCommand({ stagingTable, mappingName }: StagingMappingOptions): string {
  const mapping = quoteStringLiteral(validateEntityName(mappingName, "ingestion mapping name"));
  const json = JSON.stringify([{ column: STAGING_RAW_COLUMN, Properties: { Path: "$" } }]);
  return `.create-or-alter table ${stagingTableIdentifier(stagingTable)} ingestion json mapping ${mapping} ${quoteSingleQuotedLiteral(json)}`;
}
