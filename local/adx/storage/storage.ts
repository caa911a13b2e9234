import { randomUUID } from "node:crypto";
import { type Catalog, loadCatalog } from "./catalog";
import { Database, type SqlValue } from "./database";
import { lockDataFolder } from "./lock";
import { META_DDL } from "./meta-schema";
import { StorageTx } from "./storage-tx";
import { nowKusto } from "./time";

export { type JournalEntry, StorageTx } from "./storage-tx";

/** A finished request for `.show commands-and-queries`. */
export interface RequestLogEntry {
  readonly clientActivityId: string;
  readonly commandType: string;
  readonly text: string;
  readonly database: string;
  readonly startedOn: string;
  readonly lastUpdatedOn: string;
  readonly durationTicks: bigint;
  readonly state: "Completed" | "Failed";
  readonly failureReason: string;
  readonly rootActivityId: string | null;
  readonly user: string;
  readonly application: string;
  readonly principal: string;
  readonly clientRequestProperties: string;
}

/**
 * The engine's persistent state: one DuckDB file with the `meta` catalog and the `t` data tables. Writers call
 * `change(fn)`: `fn` runs exclusively inside one transaction, then the in-memory catalog is reloaded.
 */
export class Storage {
  /** The storage itself; for a lane's view (`throughLane`), the storage it views. Key per-storage caches by it. */
  readonly root: Storage = this;
  private current!: Catalog;
  private metadataVersion = 0;
  private commandChain: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Database,
    private readonly release: () => void,
  ) {}

  /** Locks the folder, opens the DuckDB file, creates the schema and the database row on first start. */
  static async open(folder: string, databaseName: string): Promise<Storage> {
    const release = lockDataFolder(folder);
    let db: Database;
    try {
      db = await Database.open(folder);
    } catch (error) {
      release();
      throw error;
    }
    const storage = new Storage(db, release);
    try {
      for (const ddl of META_DDL) await db.run(ddl);
      const [row] = await db.all(`SELECT name FROM meta.database`);
      if (!row) {
        await db.run(`INSERT INTO meta.database VALUES (?, ?, CAST(? AS TIMESTAMP_NS), 1)`, [
          databaseName,
          randomUUID(),
          nowKusto(),
        ]);
      } else if (row.name !== databaseName) {
        // One file holds one database; renaming it would orphan the console's commands silently.
        throw new Error(
          `The data folder holds database '${String(row.name)}', not '${databaseName}'. ` +
            "Set LOCAL_ADX_DATABASE to that name or use another LOCAL_ADX_DATA folder.",
        );
      }
      await storage.reload();
    } catch (error) {
      await db.close().catch(() => undefined);
      release();
      throw error;
    }
    return storage;
  }

  /**
   * This storage seen through an ingestion lane's connection (`Database.openLane`): the same metadata, read live
   * from this storage, with `db` the lane. Only ingestion uses it; state lives on the root (`reload` writes there).
   */
  throughLane(lane: Database): Storage {
    const view = Object.create(this) as Storage;
    Object.defineProperty(view, "db", { value: lane });
    return view;
  }

  /** The latest metadata snapshot. */
  get catalog(): Catalog {
    return this.current;
  }

  /** Increases on every committed metadata change (cache key for analyzer globals). */
  get version(): number {
    return this.metadataVersion;
  }

  /**
   * Runs a whole changing command (its existence checks against `catalog` and its `change` calls) after every
   * earlier one finished, so two concurrent `.create-merge table T` cannot both see T missing. Not re-entrant:
   * callers that run nested commands (`.execute database script`) must not hold it themselves.
   */
  serializeCommand<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.commandChain.then(fn, fn);
    this.commandChain = result.catch(() => undefined);
    return result;
  }

  /** Runs `fn` exclusively in one transaction; when it returns, the catalog snapshot is reloaded. */
  async change<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.db.exclusive(async () => {
      try {
        return await this.db.transaction(async () => {
          const result = await fn(new StorageTx(this.db));
          await this.db.run(`UPDATE meta.database SET version = version + 1`);
          return result;
        });
      } finally {
        await this.reload();
      }
    });
  }

  /**
   * Runs `fn` exclusively in one transaction without touching metadata (row writes: ingestion, retention). Use
   * `tx.db.connection` for the appender; record each new extent with `tx.addExtent`.
   */
  async write<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.db.exclusive(() => this.db.transaction(() => fn(new StorageTx(this.db))));
  }

  /** Appends a request to the log (outside any metadata transaction). */
  async logRequest(entry: RequestLogEntry): Promise<void> {
    await this.db.exclusive(() =>
      this.db.run(
        `INSERT INTO meta.requests VALUES (nextval('meta.log_seq'), ?, ?, ?, ?, CAST(? AS TIMESTAMP_NS),
           CAST(? AS TIMESTAMP_NS), ?, ?, ?, CAST(? AS UUID), ?, ?, ?, ?)`,
        [
          entry.clientActivityId,
          entry.commandType,
          entry.text,
          entry.database,
          entry.startedOn,
          entry.lastUpdatedOn,
          entry.durationTicks,
          entry.state,
          entry.failureReason,
          entry.rootActivityId,
          entry.user,
          entry.application,
          entry.principal,
          entry.clientRequestProperties,
        ],
      ),
    );
  }

  /** Reads rows with bound values (no lock: DuckDB gives each statement a consistent snapshot). */
  async query(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, unknown>[]> {
    return this.db.exclusive(() => this.db.all(sql, params));
  }

  /** Extent totals per table (`.show tables details`). */
  async extentStats(): Promise<Map<string, ExtentStats>> {
    const rows = await this.query(
      `SELECT table_name, count(*) AS extents, sum(row_count) AS rows, sum(original_size) AS original_size,
              sum(extent_size) AS extent_size, CAST(min(created_on) AS VARCHAR) AS min_created,
              CAST(max(created_on) AS VARCHAR) AS max_created
         FROM meta.extents GROUP BY table_name`,
    );
    return new Map(
      rows.map((r) => [
        String(r.table_name),
        {
          extents: BigInt(r.extents as bigint),
          rows: BigInt((r.rows as bigint | null) ?? 0n),
          originalSize: Number(r.original_size ?? 0),
          extentSize: Number(r.extent_size ?? 0),
          minCreated: r.min_created == null ? null : String(r.min_created),
          maxCreated: r.max_created == null ? null : String(r.max_created),
        },
      ]),
    );
  }

  /** Closes the file and releases the folder lock. */
  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      this.release();
    }
  }

  private async reload(): Promise<void> {
    const root = this.root;
    root.current = await loadCatalog(this.db);
    root.metadataVersion++;
  }
}

/** Totals over a table's extents; datetimes as DuckDB text. */
export interface ExtentStats {
  readonly extents: bigint;
  readonly rows: bigint;
  readonly originalSize: number;
  readonly extentSize: number;
  readonly minCreated: string | null;
  readonly maxCreated: string | null;
}
