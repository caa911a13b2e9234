import type { CommandContext } from "./context";
import { KustoError } from "../rest/errors";
import { firstPart, nameValue, type ParsedCommand } from "./parsed-command";
import { columns, type ResultTable, table } from "./result";

/** The 5-column table every policy command returns (adx-reference.md §1.6). */
export const POLICY_COLUMNS = columns(
  "PolicyName:string",
  "EntityName:string",
  "Policy:string",
  "ChildEntities:string",
  "EntityType:string",
);

/** Policy JSON as `.show … policy` prints it: indented, as in the documented sample; `null` when unset. */
export function policyText(compact: string | null): string {
  return compact === null ? "null" : JSON.stringify(JSON.parse(compact), null, 2);
}

/** A policy row for a table. */
export function tablePolicyRow(
  ctx: CommandContext,
  policyName: string,
  tableName: string,
  compact: string | null,
): unknown[] {
  return [policyName, `[${ctx.database}].[${tableName}]`, policyText(compact), "", "Table"];
}

/** A policy row for the database; ChildEntities lists its tables (README: choice). */
export function databasePolicyRow(ctx: CommandContext, policyName: string, compact: string | null): unknown[] {
  return [
    policyName,
    `[${ctx.database}]`,
    policyText(compact),
    JSON.stringify([...ctx.storage.catalog.tables.keys()]),
    "Database",
  ];
}

/** A one-row policy result. */
export function policyTable(row: unknown[]): ResultTable {
  return table(POLICY_COLUMNS, [row]);
}

/** Checks the optional `DatabaseName` part against the served database (a missing one is ADX's 404). */
export function checkDatabaseName(ctx: CommandContext, cmd: ParsedCommand): void {
  const part = firstPart(cmd, "DatabaseName");
  if (part && nameValue(part) !== ctx.database) throw KustoError.databaseNotFound(nameValue(part));
}
