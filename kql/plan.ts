/**
 * The planner: desired state (catalog + options) vs actual state (the cluster) → ordered commands with reasons.
 * Every command is idempotent and additive, so applying a plan and planning again gives an empty plan.
 */
import { renderScript } from "@/kql/generate/script";

import type { PlanStep } from "./plan/types";

export { planStaging, type StagingPlanOptions } from "./plan/staging-plan";
export { planTable, type TablePlanOptions } from "./plan/table-plan";
export type { Plan, PlanStep } from "./plan/types";

/**
 * The text apply sends for a plan: `.execute database script <|` followed by the commands, separated by one blank
 * line, ending with a newline. The script stops at the first failing command (ADX's default) and reports each
 * command's result as a row. Returns `""` for an empty plan: there is nothing to send.
 */
export function planScript(steps: readonly Pick<PlanStep, "text">[]): string {
  return steps.length === 0 ? "" : `.execute database script <|\n${renderScript(steps)}`;
}
