/**
 * Builders for the Staging policy commands (retention, ingestion batching) — pure text, validated input.
 * Names go through `quoteIdentifier` after `validateEntityName`; policy JSON goes inside a verbatim literal `@'…'`.
 */
import { serializeIngestionBatchingPolicy, type IngestionBatchingPolicyInput } from "@/kql/policies/batching";
import { parseOrThrow } from "@/kql/policies/errors";
import { retentionFormSchema, serializeRetentionPolicy, type RetentionPolicyInput } from "@/kql/policies/retention";
import { parseTimespan } from "@/kql/policies/timespan";
import { quoteIdentifier, quoteVerbatimLiteral, validateEntityName } from "@/kql/quote";

const tableName = (table: string): string => quoteIdentifier(validateEntityName(table, "table name"));
const databaseName = (database: string): string => quoteIdentifier(validateEntityName(database, "database name"));

/** Options of {@link buildAlterMergeTableRetentionCommand}. */
export interface AlterMergeRetentionOptions {
  /** Soft-delete period as typed: `0s`, `7d`, `00:00:00`, `12:00:00`; written as the shortest literal. */
  readonly softDelete: string;
  /**
   * Recoverability to set. Omitted with a non-zero period: left as it is. Omitted with a zero period:
   * `disabled` is written, because a zero period with recoverability enabled is invalid in ADX.
   */
  readonly recoverability?: "enabled" | "disabled";
}

/**
 * `.alter-merge table T policy retention softdelete = 0s recoverability = disabled` — changes only the given
 * fields of the table's retention policy (the seed's step for Staging).
 * @throws PolicyError when the period is malformed, negative, above 365,000 days, or 0 with `enabled`
 * @throws KqlNameError when the table name breaks ADX's entity-name rules
 */
export function buildAlterMergeTableRetentionCommand(table: string, opts: AlterMergeRetentionOptions): string {
  const form = parseOrThrow(retentionFormSchema, opts, "RetentionPolicy");
  const recoverability = form.recoverability ?? (parseTimespan(form.softDelete) === 0n ? "disabled" : undefined);
  const parts = [`.alter-merge table ${tableName(table)} policy retention softdelete = ${form.softDelete}`];
  if (recoverability) parts.push(`recoverability = ${recoverability}`);
  return parts.join(" ");
}

/**
 * `.alter table T policy retention @'{"SoftDeletePeriod":"00:00:00","Recoverability":"Disabled"}'` — replaces the
 * table's whole retention policy.
 * @throws PolicyError when the policy is invalid (see `retentionPolicySchema`)
 * @throws KqlNameError when the table name breaks ADX's entity-name rules
 */
export function buildAlterTableRetentionCommand(table: string, policy: RetentionPolicyInput): string {
  return `.alter table ${tableName(table)} policy retention ${quoteVerbatimLiteral(serializeRetentionPolicy(policy))}`;
}

/**
 * `.alter table T policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:30",…}'` — replaces the table's
 * batching policy (all three fields are written, so nothing silently resets to a default).
 * @throws PolicyError when a field is outside ADX's limits
 * @throws KqlNameError when the table name breaks ADX's entity-name rules
 */
export function buildAlterTableIngestionBatchingCommand(table: string, policy: IngestionBatchingPolicyInput): string {
  const json = quoteVerbatimLiteral(serializeIngestionBatchingPolicy(policy));
  return `.alter table ${tableName(table)} policy ingestionbatching ${json}`;
}

/**
 * `.alter database D policy ingestionbatching @'{…}'` — the batching policy for every table of the database that
 * has none of its own.
 * @throws PolicyError when a field is outside ADX's limits
 * @throws KqlNameError when the database name breaks ADX's entity-name rules
 */
export function buildAlterDatabaseIngestionBatchingCommand(
  database: string,
  policy: IngestionBatchingPolicyInput,
): string {
  const json = quoteVerbatimLiteral(serializeIngestionBatchingPolicy(policy));
  return `.alter database ${databaseName(database)} policy ingestionbatching ${json}`;
}

/**
 * `.delete table T policy ingestionbatching` — the table falls back to its database's policy, then ADX's defaults.
 * @throws KqlNameError when the table name breaks ADX's entity-name rules
 */
export function buildDeleteTableIngestionBatchingCommand(table: string): string {
  return `.delete table ${tableName(table)} policy ingestionbatching`;
}

/**
 * `.delete database D policy ingestionbatching` — tables without their own policy fall back to ADX's defaults.
 * @throws KqlNameError when the database name breaks ADX's entity-name rules
 */
export function buildDeleteDatabaseIngestionBatchingCommand(database: string): string {
  return `.delete database ${databaseName(database)} policy ingestionbatching`;
}
