import { diagnosticsOf, lineAndColumn, parseAndAnalyze, resultColumns } from "../kusto/language";
import { findPolicy, type TableInfo } from "../storage/catalog";
import { parseTimespan } from "@/kql/policies/timespan";
import { updatePolicyFromJson, type UpdatePolicyEntry } from "../policies/update";
import { KustoError } from "../rest/errors";
import { type CommandContext, type CommandHandler, journal } from "./context";
import { effectivePolicy } from "./effective-policies";
import { firstPart, literalValue, type ParsedCommand } from "./parsed-command";
import { POLICY_COLUMNS, policyTable, tablePolicyRow } from "./policy-result";
import { table } from "./result";
import { requireTable, tableNameOf } from "./tables";

const POLICY_NAME = "UpdatePolicy";

const describe = (cols: readonly { name: string; type: string }[]): string =>
  cols.map((c) => `${c.name}:${c.type}`).join(", ");

/**
 * ADX's checks when an update policy is set: the source exists, the query parses and analyses without errors,
 * its result has exactly the target's columns (names, types, order), and a zero-retention source is only read
 * by transactional policies.
 */
function validate(ctx: CommandContext, target: TableInfo, entries: readonly UpdatePolicyEntry[]): void {
  const catalog = ctx.storage.catalog;
  for (const entry of entries) {
    if (!catalog.tables.has(entry.Source)) {
      throw KustoError.badRequest(
        `Update policy of table '${target.name}': source table '${entry.Source}' does not exist ` +
          `(Entity ID '${entry.Source}' of kind 'Table' was not found).`,
        "UpdatePolicy_BadRequest",
      );
    }
    const code = parseAndAnalyze(entry.Query, ctx.globals());
    const problem = diagnosticsOf(code).find((d) => d.severity === "Error");
    if (problem) {
      const { line, column } = lineAndColumn(entry.Query, problem.start);
      throw KustoError.badRequest(
        `Update policy of table '${target.name}': the query '${entry.Query}' is invalid: ${problem.code}: ` +
          `${problem.message} (line ${line}, column ${column}, position ${problem.start})`,
        "UpdatePolicy_BadRequest",
      );
    }
    if (String(code.Kind) !== "Query") {
      throw KustoError.badRequest(`Update policy of table '${target.name}': Query must be a query, not a command.`);
    }
    const querySchema = describe(resultColumns(code));
    const tableSchema = describe(target.columns);
    if (querySchema !== tableSchema) {
      throw KustoError.badRequest(
        `Error during execution of a policy operation: Update policy of table '${target.name}' with source ` +
          `'${entry.Source}': Query schema does not match table schema. QuerySchema=('${querySchema}'), ` +
          `TableSchema=('${tableSchema}')`,
        "UpdatePolicy_QuerySchemaDoesNotMatchTableSchema",
      );
    }
    const retention = effectivePolicy(catalog, entry.Source, "retention");
    const period = retention ? (JSON.parse(retention) as { SoftDeletePeriod?: string }).SoftDeletePeriod : undefined;
    if (period !== undefined && parseTimespan(period) === 0n && !entry.IsTransactional) {
      throw KustoError.badRequest(
        `Update policy of table '${target.name}': source table '${entry.Source}' has a zero retention ` +
          "(SoftDeletePeriod = 0), so the policy must be transactional (IsTransactional = true).",
        "UpdatePolicy_BadRequest",
      );
    }
  }
}

function current(ctx: CommandContext, tableName: string): UpdatePolicyEntry[] {
  const stored = findPolicy(ctx.storage.catalog, "Table", tableName, "update");
  return stored ? (JSON.parse(stored.policy) as UpdatePolicyEntry[]) : [];
}

async function alter(ctx: CommandContext, cmd: ParsedCommand, merge: boolean) {
  const target = requireTable(ctx, tableNameOf(cmd));
  const part = firstPart(cmd, "UpdatePolicy");
  if (!part) throw KustoError.badRequest("The command has no update policy text.");
  const entries = updatePolicyFromJson(literalValue(cmd, part));
  validate(ctx, target, entries);
  const before = findPolicy(ctx.storage.catalog, "Table", target.name, "update")?.policy ?? null;
  // alter-merge appends without de-duplication, as ADX does.
  const next = JSON.stringify(merge ? [...current(ctx, target.name), ...entries] : entries);
  await ctx.storage.change(async (tx) => {
    await tx.setPolicy("Table", target.name, "update", next);
    await journal(tx, ctx, cmd, {
      event: "ALTER-TABLE-UPDATE-POLICY",
      entity: `[${ctx.database}].[${target.name}]`,
      before: before ?? "",
      after: next,
    });
  });
  return policyTable(tablePolicyRow(ctx, POLICY_NAME, target.name, next));
}

async function remove(ctx: CommandContext, cmd: ParsedCommand) {
  const target = requireTable(ctx, tableNameOf(cmd));
  const before = findPolicy(ctx.storage.catalog, "Table", target.name, "update")?.policy ?? null;
  await ctx.storage.change(async (tx) => {
    await tx.setPolicy("Table", target.name, "update", null);
    await journal(tx, ctx, cmd, {
      event: "DELETE-TABLE-UPDATE-POLICY",
      entity: `[${ctx.database}].[${target.name}]`,
      before: before ?? "",
    });
  });
  return policyTable(tablePolicyRow(ctx, POLICY_NAME, target.name, null));
}

/** Update policy commands by parser `CommandKind`. */
export const UPDATE_POLICY_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  AlterTablePolicyUpdate: { commandType: "TableUpdatePolicyAlter", access: "write", run: (c, p) => alter(c, p, false) },
  AlterMergeTablePolicyUpdate: {
    commandType: "TableUpdatePolicyAlterMerge",
    access: "write",
    run: (c, p) => alter(c, p, true),
  },
  DeleteTablePolicyUpdate: { commandType: "TableUpdatePolicyDelete", access: "write", run: remove },
  ShowTablePolicyUpdate: {
    commandType: "TableUpdatePolicyShow",
    access: "read",
    run: async (ctx, cmd) => {
      const t = requireTable(ctx, tableNameOf(cmd));
      const p = findPolicy(ctx.storage.catalog, "Table", t.name, "update")?.policy ?? null;
      return policyTable(tablePolicyRow(ctx, POLICY_NAME, t.name, p));
    },
  },
  ShowTableStarPolicyUpdate: {
    commandType: "TableUpdatePolicyShow",
    access: "read",
    run: async (ctx) =>
      table(
        POLICY_COLUMNS,
        [...ctx.storage.catalog.tables.keys()].map((name) =>
          tablePolicyRow(
            ctx,
            POLICY_NAME,
            name,
            findPolicy(ctx.storage.catalog, "Table", name, "update")?.policy ?? null,
          ),
        ),
      ),
  },
};
