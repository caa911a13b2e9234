import { findPolicy, type PolicyKind } from "../storage/catalog";
import { batchingFromJson, type BatchingPolicy, DEFAULT_BATCHING } from "../policies/batching";
import {
  applyRetention,
  DEFAULT_RETENTION,
  recoverabilityOf,
  type RetentionChange,
  retentionChangeFromJson,
  type RetentionPolicy,
  ticksOf,
} from "../policies/retention";
import { KustoError } from "../rest/errors";
import { type CommandContext, type CommandHandler, journal } from "./context";
import { firstPart, literalValue, type ParsedCommand, partText } from "./parsed-command";
import { checkDatabaseName, databasePolicyRow, policyTable, tablePolicyRow } from "./policy-result";
import { requireTable, tableNameOf } from "./tables";

type Level = "Table" | "Database";

const NAMES: Readonly<Record<"retention" | "ingestionbatching", string>> = {
  retention: "RetentionPolicy",
  ingestionbatching: "IngestionBatchingPolicy",
};

/** The entity a command addresses: a table (must exist) or the served database. */
function entityOf(ctx: CommandContext, cmd: ParsedCommand, level: Level): string {
  if (level === "Table") return requireTable(ctx, tableNameOf(cmd)).name;
  checkDatabaseName(ctx, cmd);
  return ctx.database;
}

function row(
  ctx: CommandContext,
  level: Level,
  kind: "retention" | "ingestionbatching",
  entity: string,
  policy: string | null,
) {
  return level === "Table"
    ? tablePolicyRow(ctx, NAMES[kind], entity, policy)
    : databasePolicyRow(ctx, NAMES[kind], policy);
}

function stored(ctx: CommandContext, level: Level, entity: string, kind: PolicyKind): string | null {
  return findPolicy(ctx.storage.catalog, level, entity, kind)?.policy ?? null;
}

/** The policy literal of the command (the part name differs per command: RetentionPolicy, IngestionBatchingPolicy, …). */
function policyLiteral(cmd: ParsedCommand): string | null {
  for (const [name, parts] of cmd.parts) {
    const part = parts[0];
    if (part && name.endsWith("Policy") && part.nodeType === "LiteralExpression") return literalValue(cmd, part);
  }
  return null;
}

function retentionChange(cmd: ParsedCommand): RetentionChange {
  const literal = policyLiteral(cmd);
  if (literal !== null) return retentionChangeFromJson(literal);
  const soft = firstPart(cmd, "SoftDeleteValue");
  const rec = firstPart(cmd, "RecoverabilityValue");
  return {
    ...(soft ? { softDeleteTicks: ticksOf(partText(cmd, soft)) } : {}),
    ...(rec ? { recoverability: recoverabilityOf(partText(cmd, rec)) } : {}),
  };
}

async function save(
  ctx: CommandContext,
  cmd: ParsedCommand,
  level: Level,
  kind: "retention" | "ingestionbatching",
  entity: string,
  next: string | null,
) {
  const before = stored(ctx, level, entity, kind);
  const action = next === null ? "DELETE" : "ALTER";
  await ctx.storage.change(async (tx) => {
    await tx.setPolicy(level, entity, kind, next);
    await journal(tx, ctx, cmd, {
      event: `${action}-${level.toUpperCase()}-${kind.toUpperCase()}-POLICY`,
      entity: level === "Table" ? `[${ctx.database}].[${entity}]` : `[${ctx.database}]`,
      before: before ?? "",
      after: next ?? "",
    });
  });
  return policyTable(row(ctx, level, kind, entity, next));
}

async function alterRetention(ctx: CommandContext, cmd: ParsedCommand, level: Level, merge: boolean) {
  const entity = entityOf(ctx, cmd, level);
  const current = stored(ctx, level, entity, "retention");
  // .alter replaces (omitted fields take the defaults, "{}" = defaults); .alter-merge keeps the current values.
  const base: RetentionPolicy = merge && current ? (JSON.parse(current) as RetentionPolicy) : DEFAULT_RETENTION;
  const next = applyRetention(base, retentionChange(cmd), level);
  return save(ctx, cmd, level, "retention", entity, JSON.stringify(next));
}

async function alterBatching(ctx: CommandContext, cmd: ParsedCommand, level: Level, merge: boolean) {
  const entity = entityOf(ctx, cmd, level);
  const literal = policyLiteral(cmd);
  if (literal === null) throw KustoError.badRequest("The command has no ingestion batching policy text.");
  const current = stored(ctx, level, entity, "ingestionbatching");
  const base: BatchingPolicy = merge && current ? (JSON.parse(current) as BatchingPolicy) : DEFAULT_BATCHING;
  return save(ctx, cmd, level, "ingestionbatching", entity, JSON.stringify(batchingFromJson(literal, base)));
}

function handlers(
  kind: "retention" | "ingestionbatching",
  level: Level,
  names: {
    alter: string;
    alterMerge: string;
    show: string;
    del: string;
  },
): Record<string, CommandHandler> {
  const access = level === "Table" ? "write" : "admin";
  const alter = kind === "retention" ? alterRetention : alterBatching;
  const type = `${level}${kind === "retention" ? "Retention" : "IngestionBatching"}Policy`;
  return {
    [names.alter]: { commandType: `${type}Alter`, access, run: (c, p) => alter(c, p, level, false) },
    [names.alterMerge]: { commandType: `${type}AlterMerge`, access, run: (c, p) => alter(c, p, level, true) },
    [names.del]: {
      commandType: `${type}Delete`,
      access,
      run: (c, p) => save(c, p, level, kind, entityOf(c, p, level), null),
    },
    [names.show]: {
      commandType: `${type}Show`,
      access: "read",
      run: async (c, p) => {
        const entity = entityOf(c, p, level);
        return policyTable(row(c, level, kind, entity, stored(c, level, entity, kind)));
      },
    },
  };
}

/** Retention and ingestion batching commands, table and database level, by parser `CommandKind`. */
export const RETENTION_BATCHING_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ...handlers("retention", "Table", {
    alter: "AlterTablePolicyRetention",
    alterMerge: "AlterMergeTablePolicyRetention",
    show: "ShowTablePolicyRetention",
    del: "DeleteTablePolicyRetention",
  }),
  ...handlers("retention", "Database", {
    alter: "AlterDatabasePolicyRetention",
    alterMerge: "AlterMergeDatabasePolicyRetention",
    show: "ShowDatabasePolicyRetention",
    del: "DeleteDatabasePolicyRetention",
  }),
  ...handlers("ingestionbatching", "Table", {
    alter: "AlterTablePolicyIngestionBatching",
    alterMerge: "AlterMergeTablePolicyIngestionBatching",
    show: "ShowTablePolicyIngestionBatching",
    del: "DeleteTablePolicyIngestionBatching",
  }),
  ...handlers("ingestionbatching", "Database", {
    alter: "AlterDatabasePolicyIngestionBatching",
    alterMerge: "AlterMergeDatabasePolicyIngestionBatching",
    show: "ShowDatabasePolicyIngestionBatching",
    del: "DeleteDatabasePolicyIngestionBatching",
  }),
};
