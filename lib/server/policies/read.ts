import "server-only";
import {
  effectiveBatchingPolicy,
  parseIngestionBatchingPolicyJson,
  type IngestionBatchingPolicy,
} from "@/kql/policies/batching";
import { effectiveRetentionPolicy, parseRetentionPolicyJson, type RetentionPolicy } from "@/kql/policies/retention";
import { parseTimespan } from "@/kql/policies/timespan";
import { parseUpdatePolicyJson } from "@/kql/policies/update";
import { quoteIdentifier } from "@/kql/quote";
import { AppError } from "@/lib/errors";
import type { PoliciesView } from "@/lib/schemas/policies";
import type { KustoExecutor } from "@/lib/server/kusto";
import { tableOfEntity } from "@/lib/server/state/normalize";
import { parseRows, policyRowSchema } from "@/lib/server/state/show-schemas";

/** Where the policies are read and written: the configured database and Staging table. */
export interface PoliciesTarget {
  executor: KustoExecutor;
  database: string;
  stagingTable: string;
}

/** The five `.show` commands of one read; each one round trip, all sent at once. */
export function policyCommands(target: Pick<PoliciesTarget, "database" | "stagingTable">) {
  const table = quoteIdentifier(target.stagingTable);
  const database = quoteIdentifier(target.database);
  return {
    tableRetention: `.show table ${table} policy retention`,
    databaseRetention: `.show database ${database} policy retention`,
    tableBatching: `.show table ${table} policy ingestionbatching`,
    databaseBatching: `.show database ${database} policy ingestionbatching`,
    updatePolicies: ".show table * policy update",
  } as const;
}

const isNotFound = (error: unknown) =>
  error instanceof AppError && /not found|does not exist/i.test(`${error.detail ?? ""} ${error.message}`);

/**
 * Staging's retention and batching — each level (table, database) and the effective value with its source — and
 * the update policies that read Staging. `.show table T policy X` shows only the table's own setting (adx-reference
 * §1.6), so the database level is read too and the effective value derived with the kql models. A missing Staging
 * table is not an error: the page says so (its table-level reads fail with "not found" on ADX and the engine alike).
 */
export async function readPolicies(target: PoliciesTarget): Promise<PoliciesView> {
  const commands = policyCommands(target);
  const warnings: string[] = [];
  const policyText = async (command: string, optional: boolean): Promise<string | null | "missing"> => {
    try {
      const rows = parseRows(policyRowSchema, await target.executor.executeCommand(target.database, command), command);
      return rows[0]?.Policy ?? null;
    } catch (error) {
      if (optional && isNotFound(error)) return "missing";
      throw error;
    }
  };
  const [tableRetention, databaseRetention, tableBatching, databaseBatching, updateRows] = await Promise.all([
    policyText(commands.tableRetention, true),
    policyText(commands.databaseRetention, false),
    policyText(commands.tableBatching, true),
    policyText(commands.databaseBatching, false),
    target.executor
      .executeCommand(target.database, commands.updatePolicies)
      .then((r) => parseRows(policyRowSchema, r, commands.updatePolicies)),
  ]);
  const stagingExists = tableRetention !== "missing" && tableBatching !== "missing";
  const level = <T>(text: string | null | "missing", parse: (t: string | null) => T | null, what: string): T | null => {
    if (text === "missing") return null;
    try {
      return parse(text);
    } catch (error) {
      warnings.push(
        `${what} could not be read (${error instanceof Error ? error.message : String(error)}); shown as not set.`,
      );
      return null;
    }
  };
  const retention = {
    table: level<RetentionPolicy>(
      tableRetention,
      parseRetentionPolicyJson,
      `The retention policy of ${target.stagingTable}`,
    ),
    database: level<RetentionPolicy>(databaseRetention, parseRetentionPolicyJson, "The database retention policy"),
  };
  const batching = {
    table: level<IngestionBatchingPolicy>(
      tableBatching,
      parseIngestionBatchingPolicyJson,
      `The ingestion batching policy of ${target.stagingTable}`,
    ),
    database: level<IngestionBatchingPolicy>(
      databaseBatching,
      parseIngestionBatchingPolicyJson,
      "The database ingestion batching policy",
    ),
  };
  const effectiveRetention = effectiveRetentionPolicy(retention);
  const effectiveBatching = effectiveBatchingPolicy(batching);

  const updatePolicies: PoliciesView["updatePolicies"] = [];
  for (const row of updateRows) {
    const table = tableOfEntity(row.EntityName);
    let entries;
    try {
      entries = parseUpdatePolicyJson(row.Policy);
    } catch (error) {
      warnings.push(
        `The update policy of ${table} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    for (const entry of entries) {
      // ADX compares entity names case-sensitively; Source may be written bracketed (`['Staging']`).
      const source = entry.Source.replace(/^\['(.*)'\]$/s, "$1").replace(/^\[(.*)\]$/s, "$1");
      if (source !== target.stagingTable) continue;
      updatePolicies.push({
        table,
        query: entry.Query,
        isEnabled: entry.IsEnabled,
        isTransactional: entry.IsTransactional,
      });
    }
  }
  updatePolicies.sort((a, b) => a.table.localeCompare(b.table));

  return {
    database: target.database,
    stagingTable: target.stagingTable,
    stagingExists,
    retention: {
      effective: effectiveRetention.policy,
      source: effectiveRetention.source,
      ...retention,
      isZero: parseTimespan(effectiveRetention.policy.SoftDeletePeriod) === 0n,
    },
    batching: { effective: effectiveBatching.policy, source: effectiveBatching.source, ...batching },
    updatePolicies,
    warnings,
  };
}
