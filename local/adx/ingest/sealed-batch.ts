/**
 * From sealed intake batches to extents. Each batch is decoded (a malformed message is one ingestion failure, the
 * others proceed) and becomes ONE extent; its acknowledged messages leave the queue and its `meta.intake_batches`
 * row is written in the extent's own transaction. Batches of one table that were waiting together are ingested in
 * one pass when their update policies allow it (group-ingest.ts), else one by one.
 */
import { randomUUID } from "node:crypto";
import type { Storage } from "../storage/storage";
import { kustoFromDate } from "../storage/time";
import type { SealReason } from "./batch-log";
import type { IngestFormat } from "./decode";
import { failure, type IngestCaller, recordFailures } from "./failures";
import { type GroupPart, ingestGroup } from "./group-ingest";
import { type DecodedBlobs, decodeBlobs } from "./ingest-blobs";
import { type FinalizeInfo, type IngestOptions, ingestRows } from "./pipeline";
import { queuedIdsSql } from "./queue-sql";
import { missingQueued, type QueuedMessages, queuedRowSql, queuedTexts } from "./queue-stage";

/** One queued message (its text stays in `meta.intake_queue`). */
export interface QueuedItem {
  readonly id: bigint;
  readonly enqueuedAt: number;
  readonly rawBytes: number;
  readonly format: IngestFormat;
  readonly mapping: string;
  /** One JSON object as `JSON.parse` accepts it (queue-sql.ts). */
  readonly objectText: boolean;
}

/** A batch sealed by the intake. */
export interface SealedBatch {
  readonly table: string;
  readonly items: readonly QueuedItem[];
  readonly reason: SealReason;
  readonly sealedAt: number;
}

/** Where batches go. */
export interface BatchTarget {
  readonly storage: Storage;
  readonly database: string;
  readonly caller: IngestCaller;
}

/** Batches ingested in one pass at most (they were all waiting when the previous ingestion ended). */
export const MAX_GROUP_BATCHES = 32;
/** Raw bytes ingested in one pass at most. */
export const MAX_GROUP_BYTES = 256 * 1024 * 1024;

/** How many batches from the head of `sealed` go together: the same table, within the limits. */
export function groupLength(sealed: readonly SealedBatch[]): number {
  const head = sealed[0];
  if (!head) return 0;
  let n = 1;
  let bytes = rawBytesOf(head);
  while (n < sealed.length && n < MAX_GROUP_BATCHES && sealed[n]!.table === head.table) {
    bytes += rawBytesOf(sealed[n]!);
    if (bytes > MAX_GROUP_BYTES) break;
    n++;
  }
  return n;
}

function rawBytesOf(batch: SealedBatch): number {
  return batch.items.reduce((n, i) => n + i.rawBytes, 0);
}

/**
 * Ingests batches of one table, sealed in this order: together when possible, else one by one. A single batch goes
 * the grouped way too when it can: that way runs alongside other ingestion lanes (`Database.shared`).
 */
export async function ingestSealed(target: BatchTarget, batches: readonly SealedBatch[]): Promise<void> {
  const runs = batches.map((b) => new BatchRun(target, b));
  for (const run of runs) await run.decode();
  const table = batches[0]?.table;
  if (table !== undefined && runs.every((r) => r.decoded !== null)) {
    const parts: GroupPart[] = runs.map((r) => r.part());
    const done = await ingestGroup(
      { storage: target.storage, caller: target.caller, operationKind: OPERATION, sourcePath: runs[0]!.sourcePath },
      table,
      parts,
    ).catch(() => null);
    if (done) return;
  }
  for (const run of runs) await run.ingestAlone();
}

const OPERATION = "DataIngestPull";

/** One batch's way to its extent, and its log row. */
class BatchRun {
  readonly batchId = randomUUID();
  readonly sourcePath: string;
  decoded: DecodedBlobs | null = null;
  /** The messages staged from the queue in SQL instead of decoded here. */
  queued: QueuedMessages | null = null;
  private decodeError: unknown = null;
  private failedItems = 0;
  private logged = false;

  constructor(
    private readonly target: BatchTarget,
    private readonly batch: SealedBatch,
  ) {
    this.sourcePath = `eventhub://${batch.table}/batch/${this.batchId}`;
  }

  private options(): IngestOptions {
    return {
      storage: this.target.storage,
      database: this.target.database,
      caller: this.target.caller,
      operationKind: OPERATION,
      sourcePath: this.sourcePath,
      ingestionTime: new Date(this.batch.sealedAt),
      // Runs inside the extent's transaction: the batch log and the queue removal commit with the data.
      finalize: this.logBatch,
    };
  }

  /**
   * Decodes the messages that need it — every message, unless its text can be staged from the queue as it is
   * (queue-stage.ts) — and records the failures; a missing table is remembered and reported by `ingestAlone`.
   */
  async decode(): Promise<void> {
    const { table, items } = this.batch;
    const { storage } = this.target;
    try {
      this.queued = queuedMessages(storage, table, items);
      const fromQueue = new Set(this.queued?.ids);
      const rest = items.filter((i) => !fromQueue.has(i.id));
      const texts = await queuedTexts(
        storage,
        rest.map((i) => i.id),
      );
      this.decoded = await decodeBlobs(
        this.options(),
        table,
        rest.map((i) => {
          const text = texts.get(i.id);
          if (text === undefined) throw new Error(`The queued message ${i.id} of table '${table}' is missing.`);
          return { text, format: i.format, mappingName: i.mapping || null, sourcePath: `eventhub://${table}/${i.id}` };
        }),
      );
      this.failedItems = this.decoded.failures.length;
    } catch (error) {
      this.decodeError = error;
    }
  }

  /** The batch as a part of a group (call after a successful `decode`). */
  part(): GroupPart {
    const decoded = this.decoded!;
    return {
      rows: decoded.rows,
      queued: this.queued,
      originalSize: decoded.bytes + (this.queued?.bytes ?? 0),
      ingestionTime: new Date(this.batch.sealedAt),
      finalize: this.logBatch,
    };
  }

  /** Removes the batch's messages from the queue and logs it (inside the caller's transaction). */
  private readonly logBatch = async (info: FinalizeInfo): Promise<void> => {
    const { storage } = this.target;
    const { table, items, reason, sealedAt } = this.batch;
    const oldest = Math.min(...items.map((i) => i.enqueuedAt));
    const deleted = await storage.db.connection.run(
      `DELETE FROM meta.intake_queue WHERE ${queuedIdsSql(
        "id",
        items.map((i) => i.id),
      )}`,
    );
    const removed = Number(deleted.rowsChanged);
    if (info.readInPlace && removed !== items.length) throw missingQueued(items.length - removed);
    await storage.db.run(
      `INSERT INTO meta.intake_batches VALUES (CAST(? AS UUID), ?, CAST(? AS TIMESTAMP_NS), ?, ?, ?, ?, CAST(? AS TIMESTAMP_NS), ?, ?, CAST(? AS UUID))`,
      [
        this.batchId,
        table,
        kustoFromDate(new Date(sealedAt)),
        items.length,
        info.rows,
        items.reduce((n, i) => n + i.rawBytes, 0),
        reason,
        kustoFromDate(new Date(oldest)),
        sealedAt - oldest,
        this.failedItems,
        info.sourceExtentId,
      ],
    );
    this.logged = true;
  };

  /** Ingests the batch as its own extent; a batch that fails whole is recorded and dropped, as ADX drops its blobs. */
  async ingestAlone(): Promise<void> {
    const { storage, database, caller } = this.target;
    const { table, items } = this.batch;
    try {
      if (this.decodeError !== null) throw this.decodeError;
      const decoded = this.decoded!;
      const bytes = decoded.bytes + (this.queued?.bytes ?? 0);
      await ingestRows(this.options(), decoded.table, decoded.rows, bytes, this.queued);
    } catch (error) {
      // The whole batch failed (table dropped, zero retention without update policy, transactional policy).
      const message = (error as { detail?: string; message?: string }).detail ?? (error as Error).message;
      const already = (error as { code?: string }).code?.startsWith("UpdatePolicy_") ?? false;
      if (!already) {
        await recordFailures(storage, database, caller, [
          failure({
            table,
            sourcePath: this.sourcePath,
            details: message,
            failureKind: "Permanent",
            operationKind: OPERATION,
            fromUpdatePolicy: false,
            errorCode: (error as { code?: string }).code ?? "General_BadRequest",
            ingestionProperties: `Format=${items[0]?.format ?? ""}`,
            shouldRetry: false,
          }),
        ]);
      }
      this.failedItems = items.length;
    }
    if (!this.logged)
      await storage.db.exclusive(() => storage.db.transaction(() => this.logBatch({ sourceExtentId: null, rows: 0 })));
  }
}

/**
 * The batch's messages that can be staged straight from the queue: one JSON object each, with the format and
 * mapping of the first such message when that mapping only keeps record texts. Null when there are none.
 */
function queuedMessages(storage: Storage, table: string, items: readonly QueuedItem[]): QueuedMessages | null {
  const info = storage.catalog.tables.get(table);
  const first = items.find((i) => i.objectText);
  if (!info || !first || !queuedRowSql(storage.catalog, info, first.format, first.mapping)) return null;
  const same = items.filter((i) => i.objectText && i.format === first.format && i.mapping === first.mapping);
  return {
    format: first.format,
    mapping: first.mapping,
    ids: same.map((i) => i.id),
    bytes: same.reduce((n, i) => n + i.rawBytes, 0),
  };
}
