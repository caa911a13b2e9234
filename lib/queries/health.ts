import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import {
  batchesResponseSchema,
  failuresResponseSchema,
  freshnessResponseSchema,
  lagResponseSchema,
  HEALTH_PAGE_ENDPOINTS,
  rowsResponseSchema,
  type HealthRange,
} from "@/lib/schemas/health";

/** Query factories of the metrics API: keys and fetchers together (STYLE §2.3). All keys start with `metrics`. */

/** How often the health page refreshes while auto-refresh is on. */
export const HEALTH_REFRESH_MS = 30_000;

const ranged =
  <S extends Parameters<typeof apiFetch>[1]>(name: string, schema: S) =>
  (range: HealthRange) =>
    queryOptions({
      queryKey: ["metrics", name, range] as const,
      queryFn: ({ signal }) => apiFetch(`/api/metrics/${name}?range=${range}`, schema, { signal }),
      staleTime: 10_000,
    });

/** Rows ingested per table per bin, and totals. */
export const rowsQuery = ranged("rows", rowsResponseSchema);
/** End-to-end lag (median, p95) per table. */
export const lagQuery = ranged("lag", lagResponseSchema);
/** Ingestion and update-policy failures with their reasons. */
export const failuresQuery = ranged("failures", failuresResponseSchema);
/** Batches sealed on Staging (local engine only). */
export const batchesQuery = ranged("batches", batchesResponseSchema);

/** Last event and ingestion per table, with the stale flag (no range: it looks back a fixed week). */
export const freshnessQuery = () =>
  queryOptions({
    queryKey: ["metrics", "freshness"] as const,
    queryFn: ({ signal }) => apiFetch("/api/metrics/freshness", freshnessResponseSchema, { signal }),
    staleTime: 10_000,
  });

/** The key every metrics query starts with, to invalidate them all after a policy change. */
export const METRICS_KEY = ["metrics"] as const;

/** The queries of one health page load, one per endpoint of {@link HEALTH_PAGE_ENDPOINTS}. */
export function healthPageQueries(range: HealthRange) {
  const queries = {
    rows: rowsQuery(range),
    freshness: freshnessQuery(),
    lag: lagQuery(range),
    failures: failuresQuery(range),
  } as const;
  // Keeps the list and the page in step: adding an endpoint to the list without a query fails to compile.
  const _all: Record<(typeof HEALTH_PAGE_ENDPOINTS)[number], unknown> = queries;
  return queries;
}
