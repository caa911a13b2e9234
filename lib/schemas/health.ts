import { z } from "zod";

/**
 * Request and response schemas of the metrics API (`/api/metrics/*`), shared by the route handlers, the browser's
 * query factories and the tests. Times are ISO 8601 UTC texts; durations are milliseconds.
 */

/** The chart ranges the health page offers. */
export const HEALTH_RANGES = ["1h", "24h", "7d"] as const;
export const healthRangeSchema = z.enum(HEALTH_RANGES, { error: 'range must be one of "1h", "24h" or "7d"' });
export type HealthRange = z.infer<typeof healthRangeSchema>;

/** Length and bin of each range: about 60–170 points per series, so a line stays readable at any width. */
export const RANGE_SPECS: Readonly<Record<HealthRange, { label: string; durationMs: number; binMinutes: number }>> = {
  "1h": { label: "Last hour", durationMs: 3_600_000, binMinutes: 1 },
  "24h": { label: "Last 24 hours", durationMs: 86_400_000, binMinutes: 15 },
  "7d": { label: "Last 7 days", durationMs: 7 * 86_400_000, binMinutes: 60 },
};

/** The metrics endpoints one load of the health page requests (its queries are built from this list). */
export const HEALTH_PAGE_ENDPOINTS = ["rows", "freshness", "lag", "failures"] as const;
export type HealthPageEndpoint = (typeof HEALTH_PAGE_ENDPOINTS)[number];

/** Query string of the ranged metrics routes (`?range=1h|24h|7d`, default `1h`). */
export const rangeQuerySchema = z.object({ range: healthRangeSchema.default("1h") });

/** How long a table may go without ingested rows before the health page calls it stale (same as the status). */
export const STALE_AFTER_MINUTES = 60;
/** Freshness looks this far back for the last event; older data counts as none. */
export const FRESHNESS_LOOKBACK_DAYS = 7;

const iso = z.string();
const window = { range: healthRangeSchema, from: iso, to: iso };
const warnings = z.array(z.string());

/** `GET /api/metrics/rows`: rows ingested per table per bin (dense: every bin present) and totals per table. */
export const rowsResponseSchema = z.object({
  ...window,
  binMinutes: z.number(),
  /** Catalog tables that exist (the series' keys), in catalog order. */
  tables: z.array(z.string()),
  series: z.array(z.object({ at: iso, counts: z.record(z.string(), z.number()) })),
  totals: z.array(z.object({ table: z.string(), rows: z.number() })),
  warnings,
});
export type RowsResponse = z.infer<typeof rowsResponseSchema>;

/** `GET /api/metrics/freshness`: the last event and ingestion per table and whether the table is stale. */
export const freshnessResponseSchema = z.object({
  checkedAt: iso,
  staleAfterMinutes: z.number(),
  lookbackDays: z.number(),
  tables: z.array(
    z.object({
      table: z.string(),
      lastEventTime: iso.nullable(),
      lastIngestionTime: iso.nullable(),
      /** Time since the last ingestion; null when nothing arrived in the lookback. */
      sinceLastIngestionMs: z.number().nullable(),
      stale: z.boolean(),
    }),
  ),
  warnings,
});
export type FreshnessResponse = z.infer<typeof freshnessResponseSchema>;

/** `GET /api/metrics/lag`: end-to-end lag (ingestion time − event `Timestamp`) per table over the range. */
export const lagResponseSchema = z.object({
  ...window,
  tables: z.array(
    z.object({
      table: z.string(),
      rows: z.number(),
      medianMs: z.number().nullable(),
      p95Ms: z.number().nullable(),
    }),
  ),
  warnings,
});
export type LagResponse = z.infer<typeof lagResponseSchema>;

/** One ingestion failure as `.show ingestion failures` reports it. */
export const failureSchema = z.object({
  at: iso,
  table: z.string(),
  details: z.string(),
  errorCode: z.string(),
  failureKind: z.string(),
  operationKind: z.string(),
  fromUpdatePolicy: z.boolean(),
});
export type Failure = z.infer<typeof failureSchema>;

/** `GET /api/metrics/failures`: failures in the range, per table and the newest ones with their reasons. */
export const failuresResponseSchema = z.object({
  ...window,
  tables: z.array(
    z.object({
      table: z.string(),
      count: z.number(),
      updatePolicyCount: z.number(),
      lastFailedOn: iso,
      lastDetails: z.string(),
    }),
  ),
  failures: z.array(failureSchema),
  /** True when more failures matched than `failures` lists. */
  truncated: z.boolean(),
  warnings,
});
export type FailuresResponse = z.infer<typeof failuresResponseSchema>;

export const SEAL_REASONS = ["time", "count", "size", "flush"] as const;

/** One sealed batch of queued ingestion. */
export const batchSchema = z.object({
  sealedAt: iso,
  items: z.number(),
  records: z.number(),
  rawBytes: z.number(),
  reason: z.enum(SEAL_REASONS),
  /** Latency the batching added: sealing time minus the oldest item's arrival. */
  delayMs: z.number(),
  failedItems: z.number(),
});
export type Batch = z.infer<typeof batchSchema>;

/** `GET /api/metrics/batches`: batches sealed on Staging in the range (local engine only; ADX does not expose them). */
export const batchesResponseSchema = z.object({
  ...window,
  table: z.string(),
  available: z.boolean(),
  /** Why the batches cannot be shown (connected mode), else null. */
  unavailableReason: z.string().nullable(),
  batches: z.array(batchSchema),
  pending: z.object({ items: z.number(), rawBytes: z.number(), oldestEnqueuedAt: iso.nullable() }).nullable(),
});
export type BatchesResponse = z.infer<typeof batchesResponseSchema>;
