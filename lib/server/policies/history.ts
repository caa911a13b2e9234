import "server-only";
import { AppError } from "@/lib/errors";
import type { PolicyChange, PolicyHistory } from "@/lib/schemas/policies";
import type { KustoExecutor } from "@/lib/server/kusto";
import { journalRowSchema, parseRows, type JournalRow } from "@/lib/server/state/show-schemas";

/**
 * History of Staging's retention and batching policies. Source: the cluster's own `.show journal` (same choice as
 * the tables' apply history, `lib/server/audit.ts`): ADX writes a row for every committed metadata change with the
 * principal that made it — and edits run On-Behalf-Of the user, so that principal IS the user — and with the
 * entity's state before and after (`OriginalEntityState` → `UpdatedEntityState`), which is exactly old → new.
 * It cannot be skipped by the console, needs no table of ours in the customer's database, and also shows changes
 * made outside the console. Database-level changes are included because Staging inherits them. Reading the
 * journal needs Database Admin or Monitor on ADX; for other callers the history is reported unavailable.
 */

const HISTORY_LIMIT = 50;
const POLICY_COMMAND = /\bpolicy\s+(retention|ingestionbatching)\b/i;

/** Pure: the journal rows about the policies of `stagingTable` (or of its database), newest first. */
export function policyChangesFrom(rows: readonly JournalRow[], database: string, stagingTable: string): PolicyChange[] {
  const db = database.toLowerCase();
  const changes: PolicyChange[] = [];
  for (const row of rows) {
    if (row.Database && row.Database.toLowerCase() !== db) continue;
    const kindText = /RETENTION|INGESTIONBATCHING/i.exec(row.Event)?.[0] ?? POLICY_COMMAND.exec(row.ChangeCommand)?.[1];
    if (!kindText) continue;
    const entity = (row.UpdatedEntityName || row.EntityName).trim();
    const table = /^\[(.*)\]\.\[(.*)\]$/s.exec(entity);
    const level = table ? "table" : "database";
    if (table && table[2] !== stagingTable) continue;
    if (!table && entity.replace(/^\[(.*)\]$/s, "$1").toLowerCase() !== db) continue;
    changes.push({
      at: row.EventTimestamp,
      kind: kindText.toLowerCase() === "retention" ? "retention" : "ingestionbatching",
      level,
      event: row.Event,
      before: row.OriginalEntityState,
      after: row.UpdatedEntityState,
      command: row.ChangeCommand,
      principal: row.Principal,
      user: row.User ?? "",
    });
  }
  return changes.sort((a, b) => (b.at ?? "").localeCompare(a.at ?? "")).slice(0, HISTORY_LIMIT);
}

/** Reads `.show journal` (unpiped: the local engine cannot pipe `.show` output yet) and keeps the policy changes. */
export async function readPolicyHistory(
  executor: KustoExecutor,
  database: string,
  stagingTable: string,
): Promise<PolicyHistory> {
  let rows: JournalRow[];
  try {
    rows = parseRows(journalRowSchema, await executor.executeCommand(database, ".show journal"), ".show journal");
  } catch (error) {
    if (error instanceof AppError && error.surface === "kusto" && error.type !== "internal") {
      return { changes: [], unavailable: error.detail ?? error.message };
    }
    throw error;
  }
  return { changes: policyChangesFrom(rows, database, stagingTable), unavailable: null };
}
