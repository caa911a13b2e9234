import "server-only";
import type { PlanStep } from "@/kql/plan";
import { redact } from "@/lib/errors";
import type { KustoResult } from "@/lib/server/kusto";
import type { AppliedCommand } from "@/lib/schemas/table-responses";
import { parseRows, scriptResultRowSchema } from "../state/show-schemas";

/** What one `.execute database script` did: each command with its verdict, and the first failure. */
export interface ScriptOutcome {
  commands: AppliedCommand[];
  failed: { id: string; text: string; reason: string } | null;
}

/**
 * Pairs the script's result rows (one per command, in script order — adx-reference §2.7) with the plan steps. A
 * command the cluster did not report (ADX may omit the rows after a stopping failure) is `Skipped`. By default the
 * script stops at the first failure and the HTTP call still succeeds, so failure is read from `Result`.
 */
export function parseScriptResult(steps: readonly PlanStep[], result: KustoResult): ScriptOutcome {
  const rows = parseRows(scriptResultRowSchema, result, ".execute database script");
  const commands = steps.map((step, i): AppliedCommand => {
    const row = rows[i];
    return {
      id: step.id,
      kind: step.kind,
      target: step.target,
      text: step.text,
      reason: step.reason,
      result: row?.Result || "Skipped",
      error: row ? redact(row.Reason) : "Not run: the cluster reported no result for this command.",
      commandType: row?.CommandType ?? "",
      operationId: row?.OperationId ?? "",
    };
  });
  const first =
    commands.find((c) => c.result !== "Completed" && c.result !== "Skipped") ??
    // A script that reports fewer rows than commands without naming a failure did not complete either.
    (rows.length < steps.length ? commands[rows.length] : undefined);
  return {
    commands,
    failed: first
      ? { id: first.id, text: first.text, reason: first.error || `${first.result} without a reason` }
      : null,
  };
}
