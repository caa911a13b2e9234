import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { RANGE_SPECS, batchSchema, type BatchesResponse, type HealthRange } from "@/lib/schemas/health";
import { getAuthSettings } from "@/lib/server/auth/config";
import { acquireTokenOnBehalfOf } from "@/lib/server/auth/obo";

/**
 * Sealed batches of queued ingestion. THE one isolated data call of the batches chart: ADX keeps no queryable record
 * of its batches (only Azure Monitor's "Batching" metrics), so the chart exists in local mode, where the engine's
 * intake logs every sealed batch and serves them at `GET {engine}/local/batches?table=&since=&limit=` (documented in
 * `local/adx/rest/ingest-routes.ts`), behind the same bearer-token check as its Kusto endpoints. The call is made
 * On-Behalf-Of the user, so the engine applies the user's own role, as for every other cluster call.
 */

const BATCH_LIMIT = 2000;

const localBatchesSchema = z.object({
  batches: z.array(
    z.looseObject({
      table: z.string(),
      sealedAt: z.string(),
      items: z.number(),
      records: z.number(),
      rawBytes: z.number(),
      reason: z.string(),
      delayMs: z.number(),
      failedItems: z.number(),
    }),
  ),
  pending: z.record(
    z.string(),
    z.object({ items: z.number(), rawBytes: z.number(), oldestEnqueuedAt: z.string().nullable() }),
  ),
});

/** Kusto datetime text (`2026-01-05 10:00:00.1234567`, maybe without a zone) → ISO 8601 UTC. */
function isoOf(text: string): string {
  let iso = text.trim().replace(" ", "T");
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(iso)) iso += "Z";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** Batches sealed on `table` in the range, oldest first, and what is waiting now. */
export async function readBatches(
  auth: { token: string },
  table: string,
  range: HealthRange,
  now: Date = new Date(),
): Promise<BatchesResponse> {
  const from = new Date(now.getTime() - RANGE_SPECS[range].durationMs);
  const base = { range, from: from.toISOString(), to: now.toISOString(), table };
  const settings = getAuthSettings();
  if (settings.mode !== "local" || !settings.clusterUrl) {
    return {
      ...base,
      available: false,
      unavailableReason:
        "Azure Data Explorer does not expose its ingestion batches to queries; see the cluster's Batching metrics in Azure Monitor.",
      batches: [],
      pending: null,
    };
  }
  const url = new URL("/local/batches", settings.clusterUrl);
  url.search = new URLSearchParams({ table, since: from.toISOString(), limit: String(BATCH_LIMIT) }).toString();
  const token = await acquireTokenOnBehalfOf(auth.token, settings.clusterUrl);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  } catch (error) {
    throw new AppError("offline:kusto", undefined, { error });
  }
  if (response.status === 403) throw new AppError("forbidden:kusto", "The local engine refused to list batches.");
  if (!response.ok)
    throw new AppError("internal:kusto", `The local engine answered ${response.status} for its batches.`);
  const parsed = localBatchesSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new AppError("internal:kusto", "The local engine's batches have an unexpected shape.");
  const batches = parsed.data.batches
    .filter((b) => b.table === table)
    .map((b) => batchSchema.parse({ ...b, sealedAt: isoOf(b.sealedAt) }))
    .filter((b) => b.sealedAt >= base.from);
  const pending = parsed.data.pending[table];
  return {
    ...base,
    available: true,
    unavailableReason: null,
    batches,
    pending: pending
      ? { ...pending, oldestEnqueuedAt: pending.oldestEnqueuedAt ? isoOf(pending.oldestEnqueuedAt) : null }
      : { items: 0, rawBytes: 0, oldestEnqueuedAt: null },
  };
}
