/**
 * Durable writes of acknowledged intake messages. A dedicated DuckDB connection (so acknowledging never waits
 * behind a batch being ingested on the writer connection — they touch different rows, which DuckDB's MVCC allows)
 * and group commit: messages given one by one that arrive while a commit is in flight are appended together in the
 * next one. DuckDB also notes, per message, whether it can later be staged from the queue in SQL (queue-sql.ts).
 */
import { type DuckDBConnection, type DuckDBPreparedStatement, listValue } from "@duckdb/node-api";
import type { Storage } from "../storage/storage";
import type { IngestFormat } from "./decode";
import { INSERT_MESSAGES } from "./queue-sql";

/** Where messages are going and when they arrived. */
export interface QueueTarget {
  readonly table: string;
  readonly format: IngestFormat;
  readonly mapping: string;
  readonly enqueuedAtMs: number;
}

/** One stored message, as the intake keeps it in memory (its text stays in the queue table). */
export interface StoredMessage {
  readonly id: bigint;
  readonly rawBytes: number;
  /** One JSON object as `JSON.parse` accepts it: it can be staged from the queue in SQL. */
  readonly objectText: boolean;
}

/** One caller's messages (a single message, or every message of a producer's batch): committed together. */
interface Waiting {
  readonly target: QueueTarget;
  readonly payloads: readonly string[];
  resolve(stored: StoredMessage[]): void;
  reject(error: unknown): void;
}

const atNs = (target: QueueTarget) => BigInt(target.enqueuedAtMs) * 1_000_000n;

/** Appends queue rows durably, several per transaction when they arrive together. */
export class QueueWriter {
  private waiting: Waiting[] = [];
  private insert: DuckDBPreparedStatement | null = null;
  private running: Promise<void> | null = null;

  private constructor(
    private readonly connection: DuckDBConnection,
    private nextId: bigint,
  ) {}

  /** Opens the writer's connection; ids continue after the highest stored one. */
  static async open(storage: Storage): Promise<QueueWriter> {
    const connection = await storage.db.instance.connect();
    const reader = await connection.runAndReadAll(`SELECT COALESCE(max(id), 0) AS id FROM meta.intake_queue`);
    const max = BigInt(String(reader.getRowObjectsJS()[0]?.id ?? 0));
    return new QueueWriter(connection, max + 1n);
  }

  /**
   * Resolves once the messages have committed — all in the same statement (never split across group commits), so
   * a producer's batch is acknowledged whole or not at all. Ids follow commit order.
   */
  writeAll(target: QueueTarget, payloads: readonly string[]): Promise<StoredMessage[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ target, payloads, resolve, reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        // One autocommitted statement per group: a single asynchronous call. (An appender's close runs on the event
        // loop's thread and, with BEGIN/COMMIT around it, took ~0.7 ms of it per message.)
        await this.insertGroup(group);
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    this.running = null;
  }

  private async insertGroup(group: readonly Waiting[]): Promise<void> {
    const ids = group.map((w) => w.payloads.map(() => this.nextId++));
    const perMessage = (value: (target: QueueTarget) => string | bigint) =>
      listValue(group.flatMap((w) => w.payloads.map(() => value(w.target))));
    this.insert ??= await this.connection.prepare(INSERT_MESSAGES);
    this.insert.bind([
      listValue(ids.flat()),
      perMessage((t) => t.table),
      perMessage((t) => t.format),
      perMessage((t) => t.mapping),
      perMessage(atNs),
      listValue(group.flatMap((w) => w.payloads)),
    ]);
    // The UTF-8 size and the object_text verdict come back from DuckDB, by id.
    const stored = new Map<bigint, StoredMessage>();
    for (const row of (await this.insert.runAndReadAll()).getRowObjectsJS()) {
      const id = row.id as bigint;
      stored.set(id, { id, rawBytes: Number(row.raw_bytes), objectText: row.object_text === true });
    }
    group.forEach((w, g) => w.resolve(ids[g]!.map((id) => stored.get(id)!)));
  }

  /** Waits for in-flight writes and closes the connection. */
  async close(): Promise<void> {
    while (this.running) await this.running;
    this.insert?.destroySync();
    this.connection.closeSync();
  }
}
