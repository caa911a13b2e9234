/**
 * Builders for `Filter<Table>()`: the stored function that picks one table's records out of Staging and
 * types their columns. The update policy runs it on every ingestion into Staging.
 */
import type { CatalogColumn, CatalogTable, KustoType } from "@/kql/catalog";
import { FUNCTION_FOLDER, filterFunctionName } from "@/kql/catalog";
import { isPlainIdentifier, quoteIdentifier, quoteSingleQuotedLiteral, quoteStringLiteral } from "@/kql/quote";

import { STAGING_RAW_COLUMN, stagingTableIdentifier, type StagingOptions } from "./staging";

/** The conversion function applied to a payload value for each column type. */
export const CONVERSION_BY_TYPE: Readonly<Record<KustoType, string>> = Object.freeze({
  string: "tostring",
  long: "tolong",
  int: "toint",
  real: "toreal",
  bool: "tobool",
  datetime: "todatetime",
  timespan: "totimespan",
  guid: "toguid",
  decimal: "todecimal",
  dynamic: "todynamic",
});

/** `Properties.Key`, or `Properties['key']` when the payload key is not a plain identifier. */
function payloadAccess(payloadKey: string): string {
  return isPlainIdentifier(payloadKey)
    ? `Properties.${payloadKey}`
    : `Properties[${quoteSingleQuotedLiteral(payloadKey)}]`;
}

/**
 * The typed expression for one column, e.g. `todatetime(Properties.Timestamp)`.
 * Dynamic columns arrive either as native JSON or as JSON text inside a string, depending on the table and the year
 * of the payload. `todynamic()` returns a dynamic input unchanged, so `todynamic(Properties.X)` would leave JSON text
 * as a plain string; `tostring()` first turns native JSON into its compact text (and leaves text alone), then
 * `todynamic()` parses both into the same JSON value.
 */
export function buildColumnExpression(column: CatalogColumn): string {
  const access = payloadAccess(column.payloadKey);
  return column.type === "dynamic" ? `todynamic(tostring(${access}))` : `${CONVERSION_BY_TYPE[column.type]}(${access})`;
}

// Continuation lines line up under the first column after `| project `, so long projections stay readable.
const PROJECT_PREFIX = "| project ";
const PROJECT_INDENT = " ".repeat(PROJECT_PREFIX.length);

/**
 * The query of `Filter<Table>()`, in the seed article's shape:
 * ```
 * Staging
 * | mv-expand Raw.records
 * | project Properties=Raw_records.properties, Category=Raw_records.category
 * | where Category == "AdvancedHunting-<Table>"
 * | project Timestamp=todatetime(Properties.Timestamp),
 *           DeviceId=tostring(Properties.DeviceId), …
 * ```
 * with one line per catalog column, in catalog order, so the output schema equals the target table's.
 * @throws {KqlNameError} when the Staging table name breaks ADX's entity-name rules
 */
export function buildFilterFunctionBody(table: CatalogTable, { stagingTable }: StagingOptions): string {
  const raw = quoteIdentifier(STAGING_RAW_COLUMN);
  const columns = table.columns.map((c) => `${quoteIdentifier(c.name)}=${buildColumnExpression(c)}`);
  return [
    stagingTableIdentifier(stagingTable),
    `| mv-expand ${raw}.records`,
    `| project Properties=${raw}_records.properties, Category=${raw}_records.category`,
    `| where Category == ${quoteStringLiteral(table.category)}`,
    `${PROJECT_PREFIX}${columns.join(`,\n${PROJECT_INDENT}`)}`,
  ].join("\n");
}

/** The docstring stored with `Filter<Table>()`. */
export function filterFunctionDocString(table: CatalogTable): string {
  return `Filters ${table.category} records from the Staging table for the ${table.name} update policy`;
}

/**
 * A `Filter<Table>()` function as `.show functions` reports it (`Name`, `Parameters`, `Body`, `Folder`,
 * `DocString`): what the generated command creates, for comparing with the cluster and for analysers.
 */
export interface FilterFunctionDefinition {
  readonly name: string;
  /** Always `()`: the function takes no parameters. */
  readonly parameters: string;
  /** The body with its braces, `{\n…\n}`. */
  readonly body: string;
  readonly folder: string;
  readonly docString: string;
}

/**
 * The function that {@link buildCreateOrAlterFilterFunctionCommand} creates.
 * @throws {KqlNameError} when the Staging table name breaks ADX's entity-name rules
 */
export function buildFilterFunctionDefinition(table: CatalogTable, options: StagingOptions): FilterFunctionDefinition {
  return {
    name: filterFunctionName(table.name),
    parameters: "()",
    body: `{\n${buildFilterFunctionBody(table, options)}\n}`,
    folder: FUNCTION_FOLDER,
    docString: filterFunctionDocString(table),
  };
}

/**
 * `.create-or-alter function with (docstring = "…", folder = "UpdatePolicies") Filter<Table>()\n{\n<body>\n}`.
 * `.create-or-alter` (not the seed's `.create`) so a changed catalog can update an existing function.
 * @throws {KqlNameError} when the Staging table name breaks ADX's entity-name rules
 */
export function buildCreateOrAlterFilterFunctionCommand(table: CatalogTable, options: StagingOptions): string {
  const fn = buildFilterFunctionDefinition(table, options);
  const props = `docstring = ${quoteStringLiteral(fn.docString)}, folder = ${quoteStringLiteral(fn.folder)}`;
  return `.create-or-alter function with (${props}) ${quoteIdentifier(fn.name)}${fn.parameters}\n${fn.body}`;
}
