import "server-only";
import { findTable } from "@/kql/catalog";
import { quoteIdentifier } from "@/kql/quote";

/**
 * The health queries, one per chart family, each ONE union over the catalog tables that exist. Every value that
 * varies (window start and end, bin size) is a `declare query_parameters` value sent as a request parameter, never
 * pasted text; table names come only from the catalog and go through `quoteIdentifier`. Every query is bounded by
 * `ingestion_time()` within the window, so the cluster scans only the extents of that window.
 */

/** Parameter names shared by the builders and the readers. */
export const PARAMS = { from: "windowStart", to: "windowEnd", binMinutes: "binMinutes" } as const;

function unionOf(tables: readonly string[]): string {
  const legs = tables.map((name) => {
    const entry = findTable(name);
    // Defensive: callers pass catalog names only (readHealthTables); anything else must never reach the text.
    if (entry?.name !== name) throw new Error(`Not a catalog table: ${JSON.stringify(name)}`);
    return quoteIdentifier(entry.name);
  });
  if (legs.length === 0) throw new Error("A health query needs at least one table.");
  return `union withsource=TableName ${legs.join(", ")}`;
}

const windowed = [`declare query_parameters(${PARAMS.from}:datetime, ${PARAMS.to}:datetime);`] as const;

/** Rows ingested per table per bin: `TableName, BinStart, Rows`. */
export function buildRowsQuery(tables: readonly string[]): string {
  return [
    `declare query_parameters(${PARAMS.from}:datetime, ${PARAMS.to}:datetime, ${PARAMS.binMinutes}:long);`,
    unionOf(tables),
    "| extend IngestedAt = ingestion_time()",
    `| where IngestedAt >= ${PARAMS.from} and IngestedAt < ${PARAMS.to}`,
    `| summarize Rows = count() by TableName, BinStart = bin(IngestedAt, ${PARAMS.binMinutes} * 1m)`,
  ].join("\n");
}

/** The last event and ingestion time per table within the lookback: `TableName, LastEventTime, LastIngestionTime`. */
export function buildFreshnessQuery(tables: readonly string[]): string {
  return [
    ...windowed,
    unionOf(tables),
    "| extend IngestedAt = ingestion_time()",
    `| where IngestedAt >= ${PARAMS.from} and IngestedAt < ${PARAMS.to}`,
    "| summarize LastEventTime = max(Timestamp), LastIngestionTime = max(IngestedAt) by TableName",
  ].join("\n");
}

/**
 * End-to-end lag per table: ingestion time minus the event's `Timestamp`, in seconds (a real, so the percentile is
 * a number on every cluster): `TableName, Rows, MedianSeconds, P95Seconds`. Rows without a Timestamp are left out.
 */
export function buildLagQuery(tables: readonly string[]): string {
  return [
    ...windowed,
    unionOf(tables),
    "| extend IngestedAt = ingestion_time()",
    `| where IngestedAt >= ${PARAMS.from} and IngestedAt < ${PARAMS.to} and isnotnull(Timestamp)`,
    "| extend LagSeconds = (IngestedAt - Timestamp) / 1s",
    "| summarize Rows = count(), MedianSeconds = percentile(LagSeconds, 50), P95Seconds = percentile(LagSeconds, 95) by TableName",
  ].join("\n");
}
