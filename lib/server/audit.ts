import "server-only";
import { filterFunctionName } from "@/kql/catalog";
import { AppError, redact } from "@/lib/errors";
import type { KustoExecutor } from "@/lib/server/kusto";
import type { ApplyResult, HistoryEntry } from "@/lib/schemas/table-responses";
import { journalRowSchema, parseRows } from "./state/show-schemas";
import { tableOfEntity } from "./state/normalize";

/**
 * The audit trail of applies. Choice: the cluster's own `.show journal`, not a table the console owns.
 * - The journal is written by the cluster for every metadata change (create/alter table, function, policy) with the
 *   principal that made it — and apply runs On-Behalf-Of the user, so that principal IS the user. It cannot be
 *   forged or skipped by the console, costs no extra write per apply, and also shows changes made outside the
 *   console (which is usually why a table drifted).
 * - A console-owned table would need an ingest per apply, an extra table in the customer's database, and write
 *   rights on it; the local engine does not support `.ingest inline`/`.set-or-append` yet either.
 * What the journal lacks — commands that FAILED — is covered by the apply response itself and by one structured
 * `[audit]` log line per apply on the server ({@link recordApply}): who, when, table, commands and result.
 * Reading the journal needs Database Admin or Monitor on ADX; for other callers the history is reported unavailable.
 */

const HISTORY_LIMIT = 50;

/** Journal entries about a table, its `Filter<Table>()` function or its policies, newest first. */
export async function readTableHistory(
  executor: KustoExecutor,
  database: string,
  table: string,
): Promise<{ history: HistoryEntry[]; unavailable: string | null }> {
  let rows;
  try {
    // Unpiped: the local engine does not pipe `.show` output yet; the filter below is cheap on a journal.
    rows = parseRows(journalRowSchema, await executor.executeCommand(database, ".show journal"), ".show journal");
  } catch (error) {
    if (error instanceof AppError && error.surface === "kusto" && error.type !== "internal") {
      return { history: [], unavailable: error.detail ?? error.message };
    }
    throw error;
  }
  const names = new Set([table, filterFunctionName(table)]);
  const history = rows
    .filter(
      (r) =>
        (!r.Database || r.Database.toLowerCase() === database.toLowerCase()) &&
        (names.has(tableOfEntity(r.EntityName)) || names.has(tableOfEntity(r.UpdatedEntityName))),
    )
    .map((r): HistoryEntry => ({
      at: r.EventTimestamp,
      event: r.Event,
      entity: tableOfEntity(r.UpdatedEntityName || r.EntityName),
      command: r.ChangeCommand,
      principal: r.Principal,
      user: r.User ?? "",
    }))
    .sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""));
  return { history: history.slice(0, HISTORY_LIMIT), unavailable: null };
}

/** One structured server log line per apply: the record of failed and refused applies the journal cannot hold. */
export function recordApply(result: ApplyResult): void {
  const line = {
    at: result.appliedAt,
    by: result.appliedBy,
    table: result.table,
    outcome: result.outcome,
    commands: result.commands.map((c) => ({ id: c.id, result: c.result })),
    failed: result.failed && { id: result.failed.id, reason: result.failed.reason },
  };
  console.info(`[audit] ${redact(JSON.stringify(line))}`);
}
