import "server-only";
import { defenderTables, getTable } from "@/kql/catalog";
import { planScript, planStaging, planTable, type Plan } from "@/kql/plan";
import type { ClusterState } from "@/kql/state";
import { AppError } from "@/lib/errors";
import type { KustoExecutor } from "@/lib/server/kusto";
import type { ApplyOutcome, ApplyResult, BulkApplyResponse } from "@/lib/schemas/table-responses";
import { parseScriptResult } from "./apply/script-result";
import { tryLock, tryLockAll } from "./apply/lock";
import { recordApply } from "./audit";
import { readClusterState, type StateReadTarget } from "./cluster-state";

/**
 * Apply: a plan runs as ONE `.execute database script <| …` (DESIGN "How the console reasons" 5). Every command is
 * idempotent and the plan is computed from the state read under the table's lock, so re-applying sends nothing.
 * The script stops at the first failing command (ADX's default) and the result names it.
 */

/** Who applies, and where. */
export interface ApplyContext {
  executor: KustoExecutor;
  target: StateReadTarget;
  /** The caller as the audit shows them (UPN, else oid). */
  appliedBy: string;
}

const result = (
  plan: Pick<Plan, "table">,
  outcome: ApplyOutcome,
  message: string,
  appliedBy: string,
  extra: Partial<Pick<ApplyResult, "commands" | "failed" | "blocked">> = {},
): ApplyResult => ({
  table: plan.table,
  outcome,
  message,
  commands: extra.commands ?? [],
  failed: extra.failed ?? null,
  blocked: extra.blocked ?? [],
  appliedAt: new Date().toISOString(),
  appliedBy,
});

/** Runs a plan: nothing for an empty plan, a refusal for a blocked one, else the script and its per-command result. */
async function runPlan(executor: KustoExecutor, database: string, plan: Plan, appliedBy: string): Promise<ApplyResult> {
  if (plan.blocked.length > 0) {
    return result(plan, "blocked", `${plan.table} was not changed: ${plan.blocked[0]}`, appliedBy, {
      blocked: [...plan.blocked],
    });
  }
  if (plan.steps.length === 0)
    return result(plan, "nothing-to-do", `${plan.table} is already set up: nothing to do`, appliedBy);
  const outcome = parseScriptResult(plan.steps, await executor.executeCommand(database, planScript(plan.steps)));
  if (outcome.failed) {
    return result(plan, "failed", `Command ${outcome.failed.id} failed: ${outcome.failed.reason}`, appliedBy, {
      commands: outcome.commands,
      failed: outcome.failed,
    });
  }
  const n = outcome.commands.length;
  return result(plan, "applied", `${n} command${n === 1 ? "" : "s"} applied to ${plan.table}`, appliedBy, {
    commands: outcome.commands,
  });
}

/**
 * Applies one table's plan computed from `state`: its function, table and update policy. Refuses (outcome
 * `blocked`) when the plan is blocked or when the Staging table its function reads from does not exist.
 * Does not lock: callers hold the table's lock (see {@link applyTable}).
 */
export async function applyTablePlan(
  executor: KustoExecutor,
  table: string,
  state: ClusterState,
  options: Omit<ApplyContext, "executor">,
): Promise<ApplyResult> {
  const { database, stagingTable } = options.target;
  const plan = planTable(table, state, { stagingTable });
  if (plan.steps.length > 0 && !state.tables[stagingTable]) {
    const reason = `Set up ${stagingTable} first: Filter${plan.table}() and the update policy read from it`;
    return result(plan, "blocked", `${plan.table} was not changed: ${reason}`, options.appliedBy, {
      blocked: [reason],
    });
  }
  return runPlan(executor, database, plan, options.appliedBy);
}

function busy(what: string): AppError {
  return new AppError("conflict:tables", `An apply of ${what} is already running; its result will show when it ends.`);
}

/** Locks the table, reads the state, applies the plan and records it. A concurrent apply of it gets 409. */
export async function applyTable(ctx: ApplyContext, table: string): Promise<ApplyResult> {
  const name = getTable(table).name;
  const release = tryLock(`table:${name}`);
  if (!release) throw busy(name);
  try {
    const state = await readClusterState(ctx.executor, { ...ctx.target, activity: false });
    const applied = await applyTablePlan(ctx.executor, name, state, ctx);
    recordApply(applied);
    return applied;
  } finally {
    release();
  }
}

/** Applies the Staging prerequisites (table, mapping, retention, batching) under Staging's lock. */
export async function applyStaging(ctx: ApplyContext): Promise<ApplyResult> {
  const { stagingTable, mappingName, database } = ctx.target;
  const release = tryLock(`staging:${stagingTable}`);
  if (!release) throw busy(stagingTable);
  try {
    const state = await readClusterState(ctx.executor, { ...ctx.target, activity: false });
    const applied = await runPlan(
      ctx.executor,
      database,
      planStaging(state, { stagingTable, mappingName }),
      ctx.appliedBy,
    );
    recordApply(applied);
    return applied;
  } finally {
    release();
  }
}

const failureMessage = (error: unknown) =>
  error instanceof AppError ? (error.detail ? `${error.message} ${error.detail}` : error.message) : "Unexpected error";

/**
 * Applies several tables in catalog order, each as its own script, from ONE state read (table plans are
 * independent). Continues past a failed, blocked or busy table and reports each. Tables another apply is running
 * are `busy`, not waited for.
 */
export async function applyTables(ctx: ApplyContext, tables: readonly string[]): Promise<BulkApplyResponse> {
  const wanted = new Set(tables.map((t) => getTable(t).name));
  const ordered = defenderTables.filter((t) => wanted.has(t.name)).map((t) => t.name);
  const { taken } = tryLockAll(ordered.map((t) => `table:${t}`));
  const results: ApplyResult[] = [];
  try {
    const state = taken.size > 0 ? await readClusterState(ctx.executor, { ...ctx.target, activity: false }) : null;
    for (const table of ordered) {
      const release = taken.get(`table:${table}`);
      let applied: ApplyResult;
      if (!release || !state) {
        applied = result({ table }, "busy", busy(table).detail!, ctx.appliedBy);
      } else {
        try {
          applied = await applyTablePlan(ctx.executor, table, state, ctx);
        } catch (error) {
          console.warn(`[apply] ${table} failed:`, failureMessage(error));
          applied = result({ table }, "failed", failureMessage(error), ctx.appliedBy, {
            failed: { id: "", text: "", reason: failureMessage(error) },
          });
        } finally {
          release();
        }
      }
      recordApply(applied);
      results.push(applied);
    }
  } finally {
    for (const release of taken.values()) release();
  }
  const summary = { applied: 0, "nothing-to-do": 0, failed: 0, blocked: 0, busy: 0 } satisfies Record<
    ApplyOutcome,
    number
  >;
  for (const r of results) summary[r.outcome] += 1;
  return { results, summary };
}
