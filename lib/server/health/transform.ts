import "server-only";
import type { Failure, FailuresResponse, RowsResponse } from "@/lib/schemas/health";

/** Pure shaping of health query results into API answers (no IO; unit-tested without a cluster). */

/** Start of the bin containing `ms`. Kusto aligns datetime bins on 0001-01-01, which is whole days from the epoch. */
export function binStart(ms: number, binMs: number): number {
  return Math.floor(ms / binMs) * binMs;
}

/**
 * A dense series: one point per bin from the bin holding `from` up to the one holding `to` (exclusive end), every
 * table present with 0 where the cluster returned nothing — so the chart's x axis is time, not "bins with data".
 */
export function densifySeries(
  rows: readonly { table: string; binStart: Date; rows: number }[],
  tables: readonly string[],
  window: { from: Date; to: Date; binMinutes: number },
): { series: RowsResponse["series"]; totals: RowsResponse["totals"] } {
  const binMs = window.binMinutes * 60_000;
  const first = binStart(window.from.getTime(), binMs);
  const last = binStart(window.to.getTime() - 1, binMs);
  const byBin = new Map<number, Record<string, number>>();
  for (let at = first; at <= last; at += binMs) byBin.set(at, Object.fromEntries(tables.map((t) => [t, 0])));
  const totals = new Map(tables.map((t) => [t, 0]));
  for (const row of rows) {
    if (!totals.has(row.table)) continue;
    const counts = byBin.get(binStart(row.binStart.getTime(), binMs));
    if (counts) counts[row.table] = (counts[row.table] ?? 0) + row.rows;
    totals.set(row.table, (totals.get(row.table) ?? 0) + row.rows);
  }
  return {
    series: [...byBin].map(([at, counts]) => ({ at: new Date(at).toISOString(), counts })),
    totals: tables.map((table) => ({ table, rows: totals.get(table) ?? 0 })),
  };
}

/** The most failures one answer lists (the per-table counts still cover all of them). */
export const FAILURE_LIST_LIMIT = 100;

/** Failures of the window, newest first, with per-table counts (update-policy failures counted apart). */
export function summarizeFailures(
  failures: readonly Failure[],
): Pick<FailuresResponse, "tables" | "failures" | "truncated"> {
  const sorted = [...failures].sort((a, b) => b.at.localeCompare(a.at));
  const tables = new Map<string, FailuresResponse["tables"][number]>();
  for (const f of sorted) {
    const current = tables.get(f.table);
    if (current) {
      current.count += 1;
      if (f.fromUpdatePolicy) current.updatePolicyCount += 1;
    } else {
      tables.set(f.table, {
        table: f.table,
        count: 1,
        updatePolicyCount: f.fromUpdatePolicy ? 1 : 0,
        lastFailedOn: f.at,
        lastDetails: f.details,
      });
    }
  }
  return {
    tables: [...tables.values()].sort((a, b) => b.count - a.count || a.table.localeCompare(b.table)),
    failures: sorted.slice(0, FAILURE_LIST_LIMIT),
    truncated: sorted.length > FAILURE_LIST_LIMIT,
  };
}
