/**
 * The queued intake: what an Event Hub data connection does for a table. Each accepted message is persisted in
 * `meta.intake_queue` before it is acknowledged; a batcher per table seals a batch when the effective ingestion
 * batching policy is reached — by time since the first item, item count or raw size — and the sealed batch
 * becomes ONE extent through the ingestion core. Every sealed batch is logged in `meta.intake_batches`.
 */
import { availableParallelism } from "node:os";
import type { Storage } from "../storage/storage";
import { effectiveBatchLimits } from "./batching";
import type { IngestFormat } from "./decode";
import type { IngestCaller } from "./failures";
import { warmPolicies } from "./policy-warmup";
import { type QueueTarget, QueueWriter, type StoredMessage } from "./queue-writer";
import { RefusalLog, type RefusalView } from "./refusals";
import type { SealReason } from "./batch-log";
import { ensureIngestSchema } from "./schema";
import { canIngestGrouped } from "./group-ingest";
import { groupLength, ingestSealed, type QueuedItem, type SealedBatch } from "./sealed-batch";

/** Messages of one table queued and not yet sealed. */
export interface PendingView {
  items: number;
  rawBytes: number;
  oldestEnqueuedAt: string | null;
}

const emptyPending = (): PendingView => ({ items: 0, rawBytes: 0, oldestEnqueuedAt: null });

/** Options of the intake; tests inject the clock and drive `tick()` themselves. */
export interface IntakeOptions {
  readonly storage: Storage;
  readonly database: string;
  /** Wall clock in ms; default Date.now. */
  readonly now?: () => number;
  /** How often time limits are checked; 0 disables the timer (call `tick()`). Default 500 ms. */
  readonly tickMs?: number;
  /** Batches ingested at once, each on its own connection (see `Intake`). Default: the cores, at most 4. */
  readonly lanes?: number;
  readonly log?: (line: string) => void;
}

/** Result of an enqueue: accepted (durably), or the table does not exist yet. */
export type EnqueueResult =
  { readonly status: "enqueued"; readonly id: string } | { readonly status: "not-ready"; readonly reason: string };

/** Result of enqueuing a producer's batch: every message accepted (ids in order), or none. */
export type EnqueueAllResult =
  | { readonly status: "enqueued"; readonly ids: readonly string[] }
  | { readonly status: "not-ready"; readonly reason: string };

/** How long deliveries must have paused before more than one lane ingests (see `Intake.quietFor`). */
const QUIET_MS = 100;

const INTAKE_CALLER: IngestCaller = { principal: "local-intake", user: "local-intake", activityId: null };

/** An ingestion lane: the storage seen through one writer connection, and the table it is ingesting, if any. */
interface Lane {
  readonly storage: Storage;
  busy: string | null;
}

/**
 * The Event Hub-like intake of one engine. Sealed batches are ingested by lanes, each on its own writer connection
 * (`Database.openLane`), so that while one lane runs its statements another can use the next core — DuckDB runs
 * one ingestion's statements on one core at these sizes. Batches whose update policies only append
 * (`canIngestGrouped`) run side by side (`Database.shared`); any other ingestion holds the database alone, as
 * before, and one table's batches of that kind are never taken by two lanes at once, so they land in sealing order.
 */
export class Intake {
  private readonly queues = new Map<string, QueuedItem[]>();
  /** Sealed batches not yet taken for ingestion, in sealing order. */
  private readonly sealed: SealedBatch[] = [];
  private readonly queuedBytes = new Map<string, number>();
  private readonly refusals = new RefusalLog();
  private writer!: QueueWriter;
  private lanes: Lane[] = [];
  /** Ingestions in progress. */
  private readonly running = new Set<Promise<void>>();
  /** Deliveries being stored now, and when the last one ended (`performance.now()`): see `quietFor`. */
  private receiving = 0;
  private lastReceived = -Infinity;
  private quietTimer: NodeJS.Timeout | null = null;
  private lastSealedAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  /** The last metadata version whose policies were compiled ahead. */
  private warmedVersion = -1;
  private closed = false;
  private readonly now: () => number;

  private constructor(private readonly options: IntakeOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Creates the intake and re-loads the items acknowledged before a restart. */
  static async start(options: IntakeOptions): Promise<Intake> {
    const intake = new Intake(options);
    await ensureIngestSchema(options.storage);
    // The texts stay in the queue table: ingestion stages them from there, or reads the few it checks itself.
    const rows = await options.storage.query(
      `SELECT id, table_name, format, mapping, epoch_ms(enqueued_at) AS at, raw_bytes, object_text FROM meta.intake_queue ORDER BY id`,
    );
    for (const r of rows) {
      intake.push(String(r.table_name), {
        id: BigInt(r.id as bigint),
        enqueuedAt: Number(r.at),
        rawBytes: Number(r.raw_bytes),
        format: String(r.format) as IngestFormat,
        mapping: String(r.mapping),
        objectText: r.object_text === true,
      });
    }
    const tickMs = options.tickMs ?? 500;
    if (tickMs > 0) {
      intake.timer = setInterval(() => void intake.tick(), tickMs);
      intake.timer.unref();
    }
    intake.writer = await QueueWriter.open(options.storage);
    const lanes = options.lanes ?? Math.min(4, availableParallelism());
    intake.lanes = [{ storage: options.storage, busy: null }];
    for (let i = 1; i < lanes; i++) {
      const lane = await options.storage.db.openLane();
      intake.lanes.push({ storage: options.storage.throughLane(lane), busy: null });
    }
    if (rows.length > 0) options.log?.(`local-adx: intake re-loaded ${rows.length} queued message(s)`);
    return intake;
  }

  private push(table: string, item: QueuedItem): QueuedItem[] {
    const queue = this.queues.get(table) ?? [];
    queue.push(item);
    this.queues.set(table, queue);
    this.queuedBytes.set(table, (this.queuedBytes.get(table) ?? 0) + item.rawBytes);
    return queue;
  }

  /**
   * Durably enqueues one message for `table`. Not ready (nothing stored) while the table or the named mapping does
   * not exist — the producer keeps the message, as an Event Hub keeps unread events.
   */
  async enqueue(table: string, format: IngestFormat, mapping: string, payload: string): Promise<EnqueueResult> {
    const result = await this.enqueueAll(table, format, mapping, [payload]);
    return result.status === "enqueued" ? { status: "enqueued", id: result.ids[0]! } : result;
  }

  /**
   * Durably enqueues a producer's batch (Event Hubs' batch send): each payload is one message — one item for the
   * batching policy — and all of them are stored in one statement before this resolves, so the batch is
   * acknowledged whole or not at all. Not ready (nothing stored) as for `enqueue`.
   */
  async enqueueAll(
    table: string,
    format: IngestFormat,
    mapping: string,
    payloads: readonly string[],
  ): Promise<EnqueueAllResult> {
    const refused = this.notReady(table, mapping);
    if (refused) return refused;
    // The first delivery after a metadata change starts compiling the policies, not the next tick (up to 500 ms on).
    this.warmPolicies();
    if (payloads.length === 0) return { status: "enqueued", ids: [] };
    const target = { table, format, mapping, enqueuedAtMs: this.now() };
    this.receiving++;
    try {
      return this.accepted(target, await this.writer.writeAll(target, payloads));
    } finally {
      this.receiving--;
      this.lastReceived = performance.now();
    }
  }

  /** Refuses (and remembers the refusal) while the table or the named mapping does not exist. */
  private notReady(table: string, mapping: string): EnqueueAllResult | null {
    if (this.closed) throw new Error("The intake is closed.");
    const catalog = this.options.storage.catalog;
    if (!catalog.tables.has(table)) {
      const reason = `Entity ID '${table}' of kind 'Table' was not found.`;
      this.refusals.refused(table, "table-missing", reason, this.now());
      return { status: "not-ready", reason };
    }
    if (mapping && !catalog.mappings.some((m) => m.table === table && m.name === mapping)) {
      const reason = `Mapping reference '${mapping}' in table '${table}' was not found.`;
      this.refusals.refused(table, "mapping-missing", reason, this.now());
      return { status: "not-ready", reason };
    }
    return null;
  }

  /** Queues durably stored messages for their batch, sealing where a limit is reached. */
  private accepted(target: QueueTarget, stored: readonly StoredMessage[]): EnqueueAllResult {
    const { table, format, mapping, enqueuedAtMs } = target;
    // Only once the messages are durable: a failed write leaves the producer waiting, as it is.
    this.refusals.accepted(table);
    const limits = effectiveBatchLimits(this.options.storage.catalog, table);
    // Item by item, so a producer's batch that crosses a limit is cut exactly there, as the data connection
    // (which sees single events) would: a 50-message send into a 30-item policy seals 30, and 20 wait.
    for (const message of stored) {
      const queue = this.push(table, { ...message, enqueuedAt: enqueuedAtMs, format, mapping });
      if (queue.length >= limits.maxItems) this.seal(table, "count");
      else if ((this.queuedBytes.get(table) ?? 0) >= limits.maxRawBytes) this.seal(table, "size");
    }
    return { status: "enqueued", ids: stored.map((m) => String(m.id)) };
  }

  /** Seals every batch whose time limit has passed; resolves when those batches are ingested. */
  async tick(): Promise<void> {
    this.warmPolicies();
    const now = this.now();
    for (const [table, queue] of this.queues) {
      const first = queue[0];
      if (!first) continue;
      const limits = effectiveBatchLimits(this.options.storage.catalog, table);
      if (now - first.enqueuedAt >= limits.maxDelayMs) this.seal(table, "time");
    }
    await this.idle();
  }

  /** Seals the table's pending items now (reason `flush`) and waits until they are ingested. */
  async flush(table: string): Promise<void> {
    this.seal(table, "flush");
    await this.idle();
  }

  /** Resolves when every sealed batch has been ingested. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  /** Messages waiting per table (not yet sealed). */
  pending(): Record<string, PendingView> {
    const out: Record<string, PendingView> = {};
    for (const [table, q] of this.queues) {
      out[table] = {
        items: q.length,
        rawBytes: q.reduce((n, i) => n + i.rawBytes, 0),
        oldestEnqueuedAt: q[0] ? new Date(q[0].enqueuedAt).toISOString() : null,
      };
    }
    return out;
  }

  /**
   * Whether a producer of `table` is waiting (its deliveries refused recently, none accepted since), and what is
   * queued for it and not yet sealed. Served by `GET /local/intake`.
   */
  waitingState(table: string): RefusalView & { pending: PendingView } {
    return { ...this.refusals.view(table, this.now()), pending: this.pending()[table] ?? emptyPending() };
  }

  /**
   * Takes the table's current items as one batch, for the next free lane; batches of one table that are waiting
   * together when a lane is free go in one pass (`ingestSealed`).
   */
  private seal(table: string, reason: SealReason): void {
    const items = this.queues.get(table) ?? [];
    if (items.length === 0) return;
    this.queues.set(table, []);
    this.queuedBytes.set(table, 0);
    // Each batch's time is its extents' ingestion time: distinct, also for batches sealed within one millisecond that
    // different lanes ingest (a group tells its batches apart by it, and so does `ingestion_time()`).
    const sealedAt = Math.max(this.now(), this.lastSealedAt + 1);
    this.lastSealedAt = sealedAt;
    this.sealed.push({ table, items, reason, sealedAt });
    this.dispatch();
  }

  /**
   * Gives waiting batches to free lanes. A lane takes its share of the batches waiting at the head (all of them when
   * it is the only lane), so that the lanes finish together when batches pile up. A table whose ingestion does not
   * run side by side (see `Intake`) waits while a lane is ingesting it.
   */
  private dispatch(): void {
    for (const [index, lane] of this.lanes.entries()) {
      if (lane.busy !== null) continue;
      if (index > 0 && this.sealed.length > 0) {
        const wait = this.quietFor();
        if (wait > 0) {
          this.quietTimer ??= setTimeout(() => {
            this.quietTimer = null;
            this.dispatch();
          }, wait).unref();
          continue;
        }
      }
      const head = this.sealed[0];
      if (!head) return;
      const { database } = this.options;
      const busyWithHead = this.lanes.some((l) => l.busy === head.table);
      if (busyWithHead && !this.concurrent(head.table)) return;
      const share = Math.ceil(groupLength(this.sealed) / this.lanes.length);
      const batches = this.sealed.splice(0, Math.max(1, share));
      lane.busy = head.table;
      const done = ingestSealed({ storage: lane.storage, database, caller: INTAKE_CALLER }, batches)
        .catch((error: unknown) =>
          this.options.log?.(`local-adx: batch of ${head.table} failed: ${(error as Error).stack ?? String(error)}`),
        )
        .finally(() => {
          lane.busy = null;
          this.running.delete(done);
          this.dispatch();
        });
      this.running.add(done);
    }
  }

  /**
   * Milliseconds until the intake has been quiet long enough for more than one lane (0: it has). While deliveries
   * arrive, storing them (parsing, the queue's inserts) needs a core: a second lane then slows the deliveries more
   * than it speeds the batches (measured on 2 cores: every message acknowledged after ~9.4 s instead of ~5.6 s, and
   * no sooner done). Extra lanes drain what has piled up once deliveries pause.
   */
  private quietFor(): number {
    if (this.receiving > 0) return QUIET_MS;
    return Math.max(0, Math.ceil(this.lastReceived + QUIET_MS - performance.now()));
  }

  /** Whether two lanes may ingest batches of `table` at once. */
  private concurrent(table: string): boolean {
    const info = this.options.storage.catalog.tables.get(table);
    return info !== undefined && canIngestGrouped(this.options.storage, info);
  }

  /**
   * Compiles the update policies ahead of the next batch when the metadata has changed, and prepares each lane's
   * grouped statements, so the first batch after a change does not wait for it (policy-warmup.ts; it stops at the
   * next change, as during a setup's commands).
   */
  private warmPolicies(): void {
    const version = this.options.storage.version;
    if (version === this.warmedVersion) return;
    this.warmedVersion = version;
    // Kept among the running work: `idle()` (and `close()`) wait for it, and it stops once the intake closes.
    const warming = warmPolicies(
      this.options.storage,
      this.lanes.map((lane) => lane.storage),
      () => this.closed,
    )
      .catch(() => undefined)
      .finally(() => this.running.delete(warming));
    this.running.add(warming);
  }

  /** Stops the timer and waits for batches in progress; queued items stay persisted for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    await this.idle();
    await this.writer.close();
  }
}

export { listBatches, type BatchRecord, type SealReason } from "./batch-log";
export { WAITING_WINDOW_MS, type RefusalReason, type RefusalView } from "./refusals";
