import { quoteIdentifier, quoteStringLiteral, quoteVerbatimLiteral } from "@/kql/quote";
import type { Catalog, FunctionInfo, MappingInfo, PolicyRecord, TableInfo } from "../storage/catalog";

/**
 * `.show database D schema as csl script`: the commands that recreate the database's schema, one per row
 * (`DatabaseSchemaScript`), in an order that re-runs: tables, their ingestion mappings, functions (with
 * `skipvalidation`, as ADX's export writes them, so one may name another defined later), then database and table
 * policies (an update policy names its source table and query functions). ADX documents what the script contains
 * (tables, database/table policies, functions, and table ingestion mappings unless `IncludeIngestionMappings =
 * false`), not the exact spelling of each command; ours uses forms the engine accepts, so the script re-runs
 * through `.execute database script` (README).
 */
export function databaseSchemaScript(catalog: Catalog, options: { ingestionMappings: boolean }): string[] {
  const tables = [...catalog.tables.values()];
  const database = catalog.database.name;
  const policies = (entityType: PolicyRecord["entityType"], name: string) =>
    catalog.policies.filter((p) => p.entityType === entityType && p.entityName === name);
  return [
    ...tables.map(createTable),
    ...(options.ingestionMappings ? catalog.mappings.map(createMapping) : []),
    ...[...catalog.functions.values()].map(createFunction),
    ...policies("Database", database).map((p) => alterPolicy("database", database, p)),
    ...tables.flatMap((t) => policies("Table", t.name).map((p) => alterPolicy("table", t.name, p))),
  ];
}

function createTable(t: TableInfo): string {
  const cols = t.columns.map((c) => `${quoteIdentifier(c.name)}:${c.type}`).join(", ");
  return `.create-merge table ${quoteIdentifier(t.name)} (${cols})${withProperties(t.folder, t.docstring)}`;
}

function alterPolicy(entity: "table" | "database", name: string, p: PolicyRecord): string {
  return `.alter ${entity} ${quoteIdentifier(name)} policy ${p.kind} ${quoteVerbatimLiteral(p.policy)}`;
}

function createMapping(m: MappingInfo): string {
  const head = `.create-or-alter table ${quoteIdentifier(m.table)} ingestion ${m.kind.toLowerCase()} mapping`;
  return `${head} ${quoteStringLiteral(m.name)} ${quoteVerbatimLiteral(m.mapping)}`;
}

function createFunction(f: FunctionInfo): string {
  const props = `folder = ${quoteStringLiteral(f.folder)}, docstring = ${quoteStringLiteral(f.docstring)}`;
  return `.create-or-alter function with (${props}, skipvalidation = "true") ${quoteIdentifier(f.name)}${f.parameters} ${f.body}`;
}

function withProperties(folder: string, docstring: string): string {
  const props: string[] = [];
  if (folder) props.push(`folder = ${quoteStringLiteral(folder)}`);
  if (docstring) props.push(`docstring = ${quoteStringLiteral(docstring)}`);
  return props.length > 0 ? ` with (${props.join(", ")})` : "";
}
