/**
 * Durable writes of acknowledged intake messages. A dedicated DuckDB connection (so acknowledging never waits
 * behind a batch being ingested on the writer connection — they touch different rows, which DuckDB's MVCC allows)
 * and group commit: messages arriving while a commit is in flight are appended together in the next one.
 */
import { type DuckDBConnection, DuckDBTimestampNanosecondsValue } from "@duckdb/node-api";
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

interface Waiting {
  readonly id: bigint;
  readonly row: QueueRow;
  resolve(): void;
  reject(error: unknown): void;
}

/** Appends queue rows durably, several per transaction when they arrive together. */
export class QueueWriter {
  private waiting: Waiting[] = [];
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

  /** Resolves with the row's id once its transaction has committed. Ids follow call order. */
  write(row: QueueRow): Promise<bigint> {
    const id = this.nextId++;
    return new Promise<bigint>((resolve, reject) => {
      this.waiting.push({ id, row, resolve: () => resolve(id), reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.connection.run("BEGIN TRANSACTION");
        const appender = await this.connection.createAppender("intake_queue", "meta");
        for (const { id, row } of group) {
          appender.appendBigInt(id);
          appender.appendVarchar(row.table);
          appender.appendVarchar(row.format);
          appender.appendVarchar(row.mapping);
          appender.appendTimestampNanoseconds(
            new DuckDBTimestampNanosecondsValue(BigInt(row.enqueuedAtMs) * 1_000_000n),
          );
          appender.appendBigInt(BigInt(row.rawBytes));
          appender.appendVarchar(row.payload);
          appender.endRow();
        }
        appender.closeSync();
        await this.connection.run("COMMIT");
        for (const w of group) w.resolve();
      } catch (error) {
        await this.connection.run("ROLLBACK").catch(() => undefined);
        for (const w of group) w.reject(error);
      }
    }
    this.running = null;
  }

  /** Waits for in-flight writes and closes the connection. */
  async close(): Promise<void> {
    while (this.running) await this.running;
    this.connection.closeSync();
  }
}
