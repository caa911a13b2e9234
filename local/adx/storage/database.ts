import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { availableParallelism } from "node:os";
import path from "node:path";
import { WriteLock } from "./write-lock";

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | bigint | boolean | null;

/**
 * DuckDB's worker threads: every core but one, which stays with Node's event loop (HTTP, decoding, the intake). With
 * all cores, DuckDB's parallel operators and the event loop contend for the same cores while messages arrive and
 * batches are ingested: on 2 cores the ingestion bench ran ~20 % slower, and the status read was no faster.
 */
function duckdbThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * The engine's DuckDB file and its writer connection. Every change to metadata or rows runs inside `exclusive`, so
 * commands apply one at a time in arrival order, like a cluster's metadata transactions. Ingestion lanes
 * (`openLane`) are further writer connections whose `shared` work runs alongside each other's.
 */
export class Database {
  private catalogChanges = 0;
  /** This connection's shared work, one at a time (see `shared`). */
  private own: Promise<unknown> = Promise.resolve();
  private readonly lanes: Database[] = [];

  private constructor(
    /** The DuckDB instance; other modules may open extra (read) connections with `DuckDBConnection.create`. */
    readonly instance: DuckDBInstance,
    /** The writer connection. Use `run`/`all` under `exclusive` (or `shared`) rather than this directly. */
    readonly connection: DuckDBConnection,
    /** Absolute path of the DuckDB file. */
    readonly file: string,
    /** Shared by the database and its lanes. */
    private readonly lock: WriteLock,
  ) {}

  /** Opens (or creates) `${folder}/engine.duckdb`. Extensions are never downloaded: JSON is built in. */
  static async open(folder: string): Promise<Database> {
    const file = path.join(path.resolve(folder), "engine.duckdb");
    const instance = await DuckDBInstance.fromCache(file, {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
      // DuckDB checkpoints when the WAL passes this size, inside whichever COMMIT crosses it. At the default 16 MB a
      // busy intake (each message written once to the queue, then its rows to the tables) checkpointed about every
      // batch, and the commit that did it took 3-5x longer. Durability does not depend on it: every commit syncs
      // the WAL, and a restart replays it (a larger WAL only makes that replay longer).
      wal_autocheckpoint: "256MB",
      threads: String(duckdbThreads()),
    });
    const connection = await instance.connect();
    return new Database(instance, connection, file, new WriteLock());
  }

  /**
   * Opens another writer connection on the same file, under the same lock: its `exclusive` work excludes everything
   * (as this one's), its `shared` work runs alongside the other connections' shared work. Closed with this database.
   */
  async openLane(): Promise<Database> {
    const lane = new Database(this.instance, await this.instance.connect(), this.file, this.lock);
    this.lanes.push(lane);
    return lane;
  }

  /** Runs a statement with bound values. */
  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    // Without values the client runs the text in one call; with values (even none) it extracts, prepares and
    // runs in three, each a round trip through libuv's thread pool — BEGIN/COMMIT paid that on every ingestion.
    if (params.length === 0) await this.connection.run(sql);
    else await this.connection.run(sql, params as DuckDBValue[]);
  }

  /** Runs a query and returns rows as plain JS objects (BIGINT → bigint, VARCHAR → string). */
  async all(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, unknown>[]> {
    const reader =
      params.length === 0
        ? await this.connection.runAndReadAll(sql)
        : await this.connection.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  /**
   * Counts changes of the writer connection's catalogs (tables created or dropped, temp ones included). A statement
   * prepared before such a change is planned again by DuckDB at every run — measured ~10 ms instead of ~1.4 ms for an
   * update policy's — so kept statements are prepared again when this has moved (stage-tables.ts).
   */
  get catalogEpoch(): number {
    return this.catalogChanges;
  }

  /** Notes a table created or dropped on the writer connection (see `catalogEpoch`). */
  catalogChanged(): void {
    this.catalogChanges++;
  }

  /** Runs `fn` after every earlier exclusive or shared call finished; failures do not block later calls. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.exclusive(fn);
  }

  /**
   * Runs `fn` on this connection alongside other connections' shared work (never alongside exclusive work, and one
   * at a time on this connection). Only for writes that cannot conflict with another lane's: appends, and deletes of
   * rows no other lane touches (DuckDB's MVCC commits those side by side).
   */
  shared<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.own.then(() => this.lock.shared(fn));
    this.own = result.catch(() => undefined);
    return result;
  }

  /** Runs `fn` in one DuckDB transaction (call it inside `exclusive`). */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const catalog = this.catalogChanges;
    await this.run("BEGIN TRANSACTION");
    try {
      const result = await fn();
      await this.run("COMMIT");
      return result;
    } catch (error) {
      await this.run("ROLLBACK");
      throw error;
    } finally {
      // A statement prepared after a catalog change inside the transaction saw the transaction's own catalog, which
      // is not the one that exists once it ends: it would be planned again at every run.
      if (this.catalogChanges !== catalog) this.catalogChanged();
    }
  }

  /** Waits for pending work, checkpoints and closes the file. */
  async close(): Promise<void> {
    await this.exclusive(async () => {
      await this.run("CHECKPOINT");
      for (const lane of this.lanes) lane.connection.closeSync();
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}
