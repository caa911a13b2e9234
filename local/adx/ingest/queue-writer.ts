/**
 * Durable writes of acknowledged intake messages. A dedicated DuckDB connection (so acknowledging never waits
 * behind a batch being ingested on the writer connection — they touch different rows, which DuckDB's MVCC allows)
 * and group commit: messages arriving while a commit is in flight are appended together in the next one.
 */
import { type DuckDBConnection, type DuckDBPreparedStatement, listValue } from "@duckdb/node-api";
import type { Storage } from "../storage/storage";

/** One message row of `meta.intake_queue`. */
export interface QueueRow {
  readonly table: string;
  readonly format: string;
  readonly mapping: string;
  readonly enqueuedAtMs: number;
  readonly rawBytes: number;
  readonly payload: string;
}

/** One caller's rows (a single message, or every message of a producer's batch): committed together. */
interface Waiting {
  readonly ids: readonly bigint[];
  readonly rows: readonly QueueRow[];
  resolve(): void;
  reject(error: unknown): void;
}

const INSERT_ROWS = `INSERT INTO meta.intake_queue
  SELECT id, table_name, format, mapping, make_timestamp_ns(at_ns), raw_bytes, payload
    FROM (SELECT unnest($1::BIGINT[]) AS id, unnest($2::VARCHAR[]) AS table_name, unnest($3::VARCHAR[]) AS format,
                 unnest($4::VARCHAR[]) AS mapping, unnest($5::BIGINT[]) AS at_ns, unnest($6::BIGINT[]) AS raw_bytes,
                 unnest($7::VARCHAR[]) AS payload)`;

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
   * Resolves with the rows' ids once they have committed (one message, or a producer's whole batch) — all in the
   * same statement (never split across group commits), so a batch is acknowledged whole or not at all. Ids follow
   * call order.
   */
  writeAll(rows: readonly QueueRow[]): Promise<bigint[]> {
    const ids = rows.map(() => this.nextId++);
    return new Promise<bigint[]>((resolve, reject) => {
      this.waiting.push({ ids, rows, resolve: () => resolve(ids), reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        // One autocommitted statement per group: a single asynchronous call. (An appender's close runs on the
        // event loop's thread and, with BEGIN/COMMIT around it, took ~0.7 ms of it per message.)
        this.insert ??= await this.connection.prepare(INSERT_ROWS);
        const rows = group.flatMap((w) => w.rows);
        this.insert.bind([
          listValue(group.flatMap((w) => w.ids)),
          listValue(rows.map((r) => r.table)),
          listValue(rows.map((r) => r.format)),
          listValue(rows.map((r) => r.mapping)),
          listValue(rows.map((r) => BigInt(r.enqueuedAtMs) * 1_000_000n)),
          listValue(rows.map((r) => BigInt(r.rawBytes))),
          listValue(rows.map((r) => r.payload)),
        ]);
        await this.insert.run();
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    this.running = null;
  }

  /** Waits for in-flight writes and closes the connection. */
  async close(): Promise<void> {
    while (this.running) await this.running;
    this.insert?.destroySync();
    this.connection.closeSync();
  }
}
