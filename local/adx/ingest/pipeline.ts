/**
 * The ingestion core: new rows for one table become ONE extent (new extent id, one ingestion time), the update
 * policies whose Source is that table run over the new rows only (cascading), and everything that survives is
 * committed in one DuckDB transaction.
 *
 * Phases, all under the database's exclusive lock:
 *   1. stage the new rows in a temp table (DuckDB appender for decoded data, one INSERT…SELECT for a query);
 *   2. run the update policies into temp tables (a DuckDB error aborts an open transaction, so this happens
 *      outside it; a failing policy just leaves its temp table out);
 *   3. one transaction copies every kept temp table into its data table and writes the `meta.extents` rows.
 * A transactional policy failure skips phase 3 entirely: nothing lands anywhere.
 */
import { type DuckDBValue, DuckDBTimestampNanosecondsValue } from "@duckdb/node-api";
import { randomUUID } from "node:crypto";
import { KustoError } from "../rest/errors";
import type { TableInfo } from "../storage/catalog";
import { dataTableRef, quoteIdent } from "../storage/sql";
import type { Storage } from "../storage/storage";
import { type IngestCaller, type IngestionFailure, recordFailures } from "./failures";
import { type QueuedMessages, stageQueued } from "./queue-stage";
import { keepsNothing } from "./retention";
import { clearStages, restoreStages, stagesSnapshot, withStatementsForAnyRows } from "./stage-tables";
import {
  canRunDirect,
  policiesWithSource,
  type PolicyRun,
  runUpdatePolicies,
  stageTableFor,
  type StagedExtent,
  tempRef,
  TransactionalPolicyFailure,
} from "./update-policies";
import { appendCell, type CellValue } from "./values";

/** Who ingests, and how the operation is reported. */
export interface IngestOptions {
  readonly storage: Storage;
  readonly database: string;
  readonly caller: IngestCaller;
  /** `DataIngestPull` (queued), `DataIngestInline`, `StreamingIngest`, `TableSetOrAppend`, … */
  readonly operationKind: string;
  /** Reported as IngestionSourcePath of failures. */
  readonly sourcePath: string;
  /** The extent's ingestion time; default now. */
  readonly ingestionTime?: Date;
  /** `.set-or-replace`: the table's existing extents are dropped in the same transaction. */
  readonly replace?: boolean;
  /**
   * Runs inside the transaction that commits the extents — or in a transaction of its own when nothing is committed
   * (no rows, or a transactional failure). The queued intake deletes its acknowledged items here, so an item is
   * either still queued or ingested, whatever moment the process dies.
   */
  readonly finalize?: (info: FinalizeInfo) => Promise<void>;
}

/** What `finalize` learns about the ingestion it closes. */
export interface FinalizeInfo {
  /** The source's new extent, or null when none is kept (no rows, zero retention, aborted). */
  readonly sourceExtentId: string | null;
  /** Rows ingested into the source (0 when aborted). */
  readonly rows: number;
  /**
   * The batch's queued messages were read in place by this transaction (queue-stage.ts `queuedSourceSql`): a message
   * no longer queued was skipped without a trace, so `finalize` fails the transaction unless it removes every one.
   */
  readonly readInPlace?: boolean;
}

/** One extent created by an ingestion. */
export interface CreatedExtent {
  readonly table: string;
  readonly extentId: string;
  readonly rows: number;
  readonly originalSize: number;
  readonly compressedSize: number;
  readonly indexSize: number;
  readonly extentSize: number;
}

/** What an ingestion did. */
export interface IngestResult {
  /** Extents committed: the source's first (absent when its retention is 0), then the update policy targets'. */
  readonly extents: readonly CreatedExtent[];
  /** Rows ingested into the source (also when not retained). */
  readonly rows: number;
  /** Non-transactional update policy failures (already recorded). */
  readonly policyFailures: readonly IngestionFailure[];
}

/** Refuses a source that would keep nothing and feed nothing (ADX's `BadRequest_ZeroRetentionPolicyWithNoUpdatePolicy`). */
export function checkRetentionAllowsIngestion(storage: Storage, table: string): void {
  const catalog = storage.catalog;
  if (keepsNothing(catalog, table) && policiesWithSource(catalog, table).length === 0) {
    throw new KustoError(
      400,
      "BadRequest_ZeroRetentionPolicyWithNoUpdatePolicy",
      "Kusto.Data.Exceptions.KustoBadRequestException",
      `Table '${table}' has a retention policy with SoftDeletePeriod = 0 and is not the source of any update policy: ingested data would be lost.`,
    );
  }
}

/**
 * Ingests decoded rows (in the table's column order), and the queued messages staged from the queue in SQL, as one
 * extent.
 */
export function ingestRows(
  opts: IngestOptions,
  table: TableInfo,
  rows: readonly CellValue[][],
  originalSize: number,
  queued: QueuedMessages | null = null,
): Promise<IngestResult> {
  return ingest(opts, table, originalSize, async (name, extentId, timeNs) => {
    await appendStaged(opts.storage, name, table, [{ rows, extentId, timeNs }]);
    const [fromQueue = 0] = queued ? await stageQueued(opts.storage, name, table, [{ queued, extentId, timeNs }]) : [];
    return rows.length + fromQueue;
  });
}

/** Appends decoded rows to the staged temp table `name`, each part with its extent id and ingestion time. */
export async function appendStaged(
  storage: Storage,
  name: string,
  table: TableInfo,
  parts: readonly { rows: readonly CellValue[][]; extentId: string; timeNs: bigint }[],
): Promise<void> {
  const appender = await storage.db.connection.createAppender(name, "main", "temp");
  try {
    for (const { rows, extentId, timeNs } of parts) {
      const time = new DuckDBTimestampNanosecondsValue(timeNs);
      for (const row of rows) {
        table.columns.forEach((c, i) => appendCell(appender, c.type, row[i] ?? null));
        appender.appendVarchar(extentId);
        appender.appendTimestampNanoseconds(time);
        appender.endRow();
      }
    }
  } finally {
    appender.closeSync();
  }
}

/** Writes `meta.extents` rows, one statement for all of them (the caller holds the transaction). */
export async function insertExtents(
  storage: Storage,
  extents: readonly { extent: Omit<CreatedExtent, "compressedSize" | "indexSize">; timeNs: bigint }[],
): Promise<void> {
  if (extents.length === 0) return;
  const values = extents.map(({ timeNs }) => `(CAST(? AS UUID), ?, ?, ?, ?, make_timestamp_ns(${timeNs}), '')`);
  await storage.db.run(
    `INSERT INTO meta.extents VALUES ${values.join(", ")}`,
    extents.flatMap(({ extent: e }) => [e.extentId, e.table, e.rows, e.originalSize, e.extentSize]),
  );
}

/** A SELECT (with bound values) whose columns match the table by position and type. */
export interface SelectSource {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Ingests the rows of a query (`.set`, `.append`, …) as one extent; original size is estimated from the rows. */
export function ingestSelect(opts: IngestOptions, table: TableInfo, select: SelectSource): Promise<IngestResult> {
  let size = 0;
  return ingest(
    opts,
    table,
    () => size,
    async (name, extentId, timeNs) => {
      const items = table.columns.map((c, i) => `"_q".${quoteIdent(`c${i}`)} AS ${quoteIdent(c.name)}`);
      // Positional: the query's columns are renamed c0…cn whatever they are called.
      const positional = `SELECT ${items.join(", ")}, CAST('${extentId}' AS UUID) AS "$extent_id", make_timestamp_ns(${timeNs}) AS "$ingestion_time"
      FROM (${select.sql}) AS "_q"(${table.columns.map((_, i) => quoteIdent(`c${i}`)).join(", ")})`;
      await opts.storage.db.connection.run(
        `INSERT INTO ${tempRef(name)} ${positional}`,
        select.params as DuckDBValue[],
      );
      const [row] = await opts.storage.db.all(
        `SELECT count(*) AS n, COALESCE(sum(strlen(CAST(x AS VARCHAR))), 0) AS bytes FROM ${tempRef(name)} AS x`,
      );
      size = Number(row?.bytes ?? 0);
      return Number(row?.n ?? 0);
    },
  );
}

export function sizes(originalSize: number): Pick<CreatedExtent, "compressedSize" | "indexSize" | "extentSize"> {
  // Estimates (README): DuckDB does not expose per-extent storage, ADX typically compresses ~4x.
  const compressedSize = Math.round(originalSize / 4);
  const indexSize = Math.round(originalSize / 20);
  return { compressedSize, indexSize, extentSize: compressedSize + indexSize };
}

async function ingest(
  opts: IngestOptions,
  table: TableInfo,
  originalSize: number | (() => number),
  stage: (tempName: string, extentId: string, timeNs: bigint) => Promise<number>,
): Promise<IngestResult> {
  const { storage } = opts;
  const timeNs = BigInt((opts.ingestionTime ?? new Date()).getTime()) * 1_000_000n;
  const temps: string[] = [];
  type Outcome = {
    extents: CreatedExtent[];
    rows: number;
    policyFailures: IngestionFailure[];
    aborted: IngestionFailure | null;
  };
  const outcome = await storage.db.exclusive(() =>
    withStatementsForAnyRows(storage, async (): Promise<Outcome> => {
      const current = storage.catalog.tables.get(table.name);
      if (!current) throw KustoError.entityNotFound(table.name, "Table");
      checkRetentionAllowsIngestion(storage, table.name);
      try {
        const name = await stageTableFor(storage, current);
        temps.push(name);
        const extentId = randomUUID();
        const rows = await stage(name, extentId, timeNs);
        const source: StagedExtent = {
          table: table.name,
          temp: tempRef(name),
          extentId,
          rows,
          originalSize: typeof originalSize === "number" ? originalSize : originalSize(),
          persist: !keepsNothing(storage.catalog, table.name),
        };
        if (rows === 0 && !opts.replace) {
          await finalizeAlone(opts, { sourceExtentId: null, rows: 0 });
          return { extents: [], rows: 0, policyFailures: [], aborted: null };
        }
        const newRun = (direct: boolean): PolicyRun => ({
          storage,
          ingestionTimeNs: timeNs,
          operationKind: opts.operationKind,
          sourcePath: opts.sourcePath,
          visited: new Set([table.name]),
          temps,
          failures: [],
          direct,
        });
        const info = { sourceExtentId: source.persist && rows > 0 ? extentId : null, rows };
        const done = (kept: readonly StagedExtent[], failures: IngestionFailure[]): Outcome => ({
          extents: kept.map((s) => ({
            table: s.table,
            extentId: s.extentId,
            rows: s.rows,
            originalSize: s.originalSize,
            ...sizes(s.originalSize),
          })),
          rows,
          policyFailures: failures,
          aborted: null,
        });
        // Fast path: policies run inside the commit transaction and append straight to their tables. Any error rolls
        // everything back (nothing landed) and the staged path below runs the ingestion again, reporting failures.
        if (rows > 0 && !opts.replace && canRunDirect(storage, source, timeNs)) {
          const before = stagesSnapshot(storage);
          try {
            return await storage.db.transaction(async () => {
              const targets = await runUpdatePolicies(newRun(true), source);
              const kept = [source, ...targets].filter((s) => s.persist && s.rows > 0);
              await writeCommit(opts, null, kept, timeNs, info);
              return done(kept, []);
            });
          } catch {
            // The rollback undid every row and table of the attempt; the source's staged rows (written before it) remain.
            restoreStages(storage, before);
          }
        }
        const run = newRun(false);
        let targets: StagedExtent[];
        try {
          targets = rows === 0 ? [] : await runUpdatePolicies(run, source);
        } catch (error) {
          if (!(error instanceof TransactionalPolicyFailure)) throw error;
          await finalizeAlone(opts, { sourceExtentId: null, rows: 0 });
          return { extents: [], rows: 0, policyFailures: [], aborted: error.failure };
        }
        const kept = [source, ...targets].filter((s) => s.persist && s.rows > 0);
        await storage.db.transaction(() => writeCommit(opts, opts.replace ? table.name : null, kept, timeNs, info));
        return done(kept, run.failures);
      } finally {
        await clearStages(storage, temps).catch(() => undefined);
      }
    }),
  );
  if (outcome.aborted) {
    await recordFailures(storage, opts.database, opts.caller, [outcome.aborted]);
    const f = outcome.aborted;
    throw new KustoError(400, f.errorCode, "Kusto.Data.Exceptions.KustoBadRequestException", f.details);
  }
  await recordFailures(storage, opts.database, opts.caller, outcome.policyFailures);
  return { extents: outcome.extents, rows: outcome.rows, policyFailures: outcome.policyFailures };
}

async function finalizeAlone(opts: IngestOptions, info: FinalizeInfo): Promise<void> {
  const finalize = opts.finalize;
  if (finalize) await opts.storage.db.transaction(() => finalize(info));
}

/** The commit's statements (the caller holds the transaction): rows not yet appended, extents, `finalize`. */
async function writeCommit(
  opts: IngestOptions,
  replaceTable: string | null,
  kept: readonly StagedExtent[],
  timeNs: bigint,
  info: FinalizeInfo,
): Promise<void> {
  const db = opts.storage.db;
  if (replaceTable !== null) {
    await db.run(`DELETE FROM ${dataTableRef(replaceTable)}`);
    await db.run(`DELETE FROM meta.extents WHERE table_name = ?`, [replaceTable]);
  }
  for (const s of kept) {
    if (!s.committed) await db.run(`INSERT INTO ${dataTableRef(s.table)} SELECT * FROM ${s.temp}`);
  }
  // One statement for all extents of the ingestion (26 for the console's setup).
  await insertExtents(
    opts.storage,
    kept.map((s) => ({ extent: { ...s, extentSize: sizes(s.originalSize).extentSize }, timeNs })),
  );
  if (opts.finalize) await opts.finalize(info);
}
