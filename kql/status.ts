/**
 * Status derivation: cluster state → the Staging prerequisites and a status per Defender table. Pure; the UI
 * renders the results and the planner builds on the same comparisons.
 */
import { defenderTables } from "@/kql/catalog";
import type { ClusterState } from "@/kql/state";

import type { StatusOptions } from "./status/options";
import { deriveStagingStatus, type StagingStatus } from "./status/staging";
import { deriveTableStatus, type TableStatus } from "./status/table-status";
import { TABLE_STATUSES, type TableStatusKind } from "./status/types";

export { compareFunction, normalizeFunctionBody, stripBraces, type FunctionComparison } from "./status/function-part";
export { DEFAULT_FAILURE_WINDOW_MINUTES, DEFAULT_STALE_AFTER_MINUTES, type StatusOptions } from "./status/options";
export { compareSchema, describeTypeConflict, type SchemaComparison, type TypeConflict } from "./status/schema-part";
export {
  deriveStagingStatus,
  type StagingPrerequisite,
  type StagingStatus,
  type StagingStatusKind,
} from "./status/staging";
export { deriveTableStatus, type TableStatus } from "./status/table-status";
export { TABLE_STATUSES, type PartState, type TableStatusKind } from "./status/types";
export { compareUpdatePolicy, normalizePolicyQuery, type UpdatePolicyComparison } from "./status/update-policy-part";

/** Every status at once: the Staging card, one row per catalog table, and the counts for the summary. */
export interface AllStatuses {
  readonly staging: StagingStatus;
  /** One per catalog table, in catalog order. */
  readonly tables: readonly TableStatus[];
  /** How many tables have each status (every status present, 0 when none). */
  readonly counts: Readonly<Record<TableStatusKind, number>>;
  /** When the state was read. */
  readonly readAt: string;
}

/** Derives the Staging status and the status of every catalog table, with counts per status. */
export function deriveAllStatuses(state: ClusterState, options: StatusOptions = {}): AllStatuses {
  const tables = defenderTables.map((t) => deriveTableStatus(t, state, options));
  const counts = Object.fromEntries(TABLE_STATUSES.map((s) => [s, 0])) as Record<TableStatusKind, number>;
  for (const t of tables) counts[t.status] += 1;
  return { staging: deriveStagingStatus(state, options), tables, counts, readAt: state.readAt };
}
