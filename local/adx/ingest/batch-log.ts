/** The log of sealed intake batches (`meta.intake_batches`), read by `GET /local/batches`. */
import type { Storage } from "../storage/storage";
import { kustoFromDuckText } from "../storage/time";
import { ensureIngestSchema } from "./schema";

/** Why a batch was sealed (`flush`: sealed on request, e.g. by tests or at shutdown of a test harness). */
export type SealReason = "time" | "count" | "size" | "flush";

/** A sealed batch as logged (and returned by `GET /local/batches`). */
export interface BatchRecord {
  readonly batchId: string;
  readonly table: string;
  readonly sealedAt: string;
  readonly items: number;
  readonly records: number;
  readonly rawBytes: number;
  readonly reason: SealReason;
  readonly oldestEnqueuedAt: string;
  /** Added latency: sealing time minus the oldest item's enqueue time. */
  readonly delayMs: number;
  readonly failedItems: number;
  readonly extentId: string | null;
}

/** Sealed batches, newest last, for the console's latency chart. */
export async function listBatches(
  storage: Storage,
  filter: { table?: string; since?: string; limit?: number },
): Promise<BatchRecord[]> {
  await ensureIngestSchema(storage);
  const where: string[] = [];
  const params: string[] = [];
  if (filter.table) {
    where.push("table_name = ?");
    params.push(filter.table);
  }
  if (filter.since) {
    where.push("sealed_at >= CAST(? AS TIMESTAMP_NS)");
    params.push(filter.since);
  }
  const limit = Math.max(1, Math.min(filter.limit ?? 1000, 10_000));
  const rows = await storage.query(
    `SELECT * FROM (SELECT CAST(batch_id AS VARCHAR) AS batch_id, table_name, CAST(sealed_at AS VARCHAR) AS sealed_at, items, records,
            raw_bytes, reason, CAST(oldest_enqueued_at AS VARCHAR) AS oldest, delay_ms, failed_items,
            CAST(extent_id AS VARCHAR) AS extent_id
       FROM meta.intake_batches ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY sealed_at DESC LIMIT ${limit}) ORDER BY sealed_at`,
    params,
  );
  return rows.map((r) => ({
    batchId: String(r.batch_id),
    table: String(r.table_name),
    sealedAt: kustoFromDuckText(String(r.sealed_at)),
    items: Number(r.items),
    records: Number(r.records),
    rawBytes: Number(r.raw_bytes),
    reason: String(r.reason) as SealReason,
    oldestEnqueuedAt: kustoFromDuckText(String(r.oldest)),
    delayMs: Number(r.delay_ms),
    failedItems: Number(r.failed_items),
    extentId: r.extent_id == null ? null : String(r.extent_id),
  }));
}
