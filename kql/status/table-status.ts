/** Status of one Defender table: its three parts, then activity and failures once all three are in place. */
import type { CatalogTable } from "@/kql/catalog";
import { getTable } from "@/kql/catalog";
import type { ClusterState } from "@/kql/state";

import { compareFunction } from "./function-part";
import { resolveStatusOptions, type ResolvedStatusOptions, type StatusOptions } from "./options";
import { compareSchema, type TypeConflict } from "./schema-part";
import { minutesBetween } from "./time";
import type { PartState, TableStatusKind } from "./types";
import { compareUpdatePolicy } from "./update-policy-part";

/** Status of one table, ready for a checklist row. */
export interface TableStatus {
  readonly table: string;
  readonly status: TableStatusKind;
  readonly parts: { readonly function: PartState; readonly table: PartState; readonly updatePolicy: PartState };
  /** Why the table has this status, as sentences (missing parts, differing columns, failures, …). */
  readonly reasons: readonly string[];
  /** Facts worth showing that do not change the status (extra columns, column order). */
  readonly notes: readonly string[];
  /** Catalog columns the cluster table lacks (all of them when the table is missing). */
  readonly missingColumns: readonly string[];
  /** Columns whose type differs from the catalog's. */
  readonly typeConflicts: readonly TypeConflict[];
  readonly rowsLastHour: number;
  readonly lastIngestion: string | null;
  readonly lastEventTime: string | null;
  /** Ingestion failures within the failure window. */
  readonly recentFailures: number;
}

/** @internal Is any table other than `table` (and Staging) receiving rows? */
function othersFlowing(state: ClusterState, table: string, options: ResolvedStatusOptions): number {
  return Object.entries(state.activity).filter(
    ([name, a]) => name !== table && name !== options.stagingTable && a.rowsLastHour > 0,
  ).length;
}

function recentFailures(state: ClusterState, table: string, options: ResolvedStatusOptions): number {
  const failures = state.failures[table];
  if (!failures || failures.count === 0) return 0;
  const age = minutesBetween(failures.lastFailedOn, state.readAt);
  // An unreadable time is treated as recent: hiding a failure is worse than showing an old one.
  return age === null || age < options.failureWindowMinutes ? failures.count : 0;
}

function describeFailures(state: ClusterState, table: string, count: number, options: ResolvedStatusOptions): string {
  const f = state.failures[table];
  const origin = f?.originatesFromUpdatePolicy ? " in its update policy" : "";
  const plural = count === 1 ? "failure" : "failures";
  return (
    `${count} ingestion ${plural}${origin} in the last ${options.failureWindowMinutes} minutes ` +
    `(latest at ${f?.lastFailedOn ?? "an unknown time"}: ${f?.lastDetails || "no details"})`
  );
}

/** Status of a table whose three parts are all in place, from its activity and failures. */
function configuredStatus(
  state: ClusterState,
  table: string,
  options: ResolvedStatusOptions,
): { status: TableStatusKind; reasons: string[] } {
  const failures = recentFailures(state, table, options);
  if (failures > 0) return { status: "failing", reasons: [describeFailures(state, table, failures, options)] };
  const activity = state.activity[table];
  const rows = activity?.rowsLastHour ?? 0;
  if (rows > 0) {
    return { status: "healthy", reasons: [`${rows.toLocaleString("en-US")} rows arrived in the last hour`] };
  }
  const last = activity?.lastIngestion ?? null;
  const everIngested = last !== null || (state.tables[table]?.totalRowCount ?? 0) > 0;
  if (!everIngested) {
    return { status: "waiting", reasons: [`${table} is set up and waiting for its first rows`] };
  }
  const minutes = last === null ? null : minutesBetween(last, state.readAt);
  const since = minutes === null ? "over an hour" : `${minutes} minutes`;
  const flowing = othersFlowing(state, table, options);
  if (flowing === 0) {
    return {
      status: "waiting",
      reasons: [
        `No rows for ${since}, and no other table received rows in the last hour either: the stream may be idle`,
      ],
    };
  }
  if (minutes !== null && minutes <= options.staleAfterMinutes) {
    return {
      status: "waiting",
      reasons: [
        `No rows in the last hour; the last arrived ${minutes} minutes ago (stale after ${options.staleAfterMinutes})`,
      ],
    };
  }
  const others = flowing === 1 ? "1 other table receives" : `${flowing} other tables receive`;
  return { status: "stale", reasons: [`No rows for ${since} while ${others} data`] };
}

/**
 * Derives a Defender table's status from the cluster state: `not-set-up` when none of function, table and update
 * policy exists; `partial` when some are missing; `drifted` when all exist but one differs from the generated one;
 * otherwise `failing` (recent failures, even when rows flow), `healthy` (rows in the last hour), `stale` (ingested
 * before, nothing for longer than `staleAfterMinutes` while other tables receive rows) or `waiting`.
 * @param table a catalog table or its exact name
 * @throws {UnknownTableError} for a name that is not in the catalog
 */
export function deriveTableStatus(
  table: string | CatalogTable,
  state: ClusterState,
  options: StatusOptions = {},
): TableStatus {
  const entry = typeof table === "string" ? getTable(table) : table;
  const resolved = resolveStatusOptions(options);
  const fn = compareFunction(entry, state, resolved);
  const schema = compareSchema(entry, state);
  const policy = compareUpdatePolicy(entry, state, resolved);
  const parts = { function: fn.state, table: schema.state, updatePolicy: policy.state };
  const states = Object.values(parts);
  const partReasons = [...fn.reasons, ...schema.reasons, ...policy.reasons];

  let status: TableStatusKind;
  let reasons: string[];
  if (states.every((s) => s === "missing")) {
    status = "not-set-up";
    reasons = [`${entry.name} is not set up: its function, table and update policy are missing`];
  } else if (states.includes("missing") || states.includes("drifted")) {
    status = states.includes("missing") ? "partial" : "drifted";
    reasons = partReasons;
    const failures = recentFailures(state, entry.name, resolved);
    if (failures > 0) reasons.push(describeFailures(state, entry.name, failures, resolved));
  } else {
    ({ status, reasons } = configuredStatus(state, entry.name, resolved));
  }
  const activity = state.activity[entry.name];
  return {
    table: entry.name,
    status,
    parts,
    reasons,
    notes: [...schema.notes],
    missingColumns: schema.missingColumns,
    typeConflicts: schema.typeConflicts,
    rowsLastHour: activity?.rowsLastHour ?? 0,
    lastIngestion: activity?.lastIngestion ?? null,
    lastEventTime: activity?.lastEventTime ?? null,
    recentFailures: recentFailures(state, entry.name, resolved),
  };
}
