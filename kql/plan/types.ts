/** The shape of a plan: ordered steps, each a generated command with the reason it is needed. */
import type { SetupCommand, SetupCommandKind } from "@/kql/generate/script";

/**
 * One command of a plan. Same fields as a `SetupCommand` of the setup script (`id` = `<kind>:<target>`), plus why
 * it is needed, so plans and the full script render and apply the same way.
 */
export interface PlanStep extends SetupCommand {
  /** Why this command is needed, as a sentence a security engineer understands. */
  readonly reason: string;
}

/** The commands that take one table (or Staging) from its state in the cluster to the generated state. */
export interface Plan {
  /** The Defender table, or the Staging table for `planStaging`. */
  readonly table: string;
  /** Commands in apply order; empty when nothing differs (or when blocked). */
  readonly steps: readonly PlanStep[];
  /**
   * Why the console refuses to plan (a change that would lose data, such as a column type change). When not empty,
   * `steps` is empty and apply must not run.
   */
  readonly blocked: readonly string[];
}

/** @internal */
export function planStep(kind: SetupCommandKind, target: string, text: string, reason: string): PlanStep {
  return { id: `${kind}:${target}`, kind, target, text, reason };
}
