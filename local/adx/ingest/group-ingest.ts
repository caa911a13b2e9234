/**
 * Grouped ingestion: several sealed batches of one table ingested in one pass, each batch still its own extent with
 * its own ingestion time. When batches wait (the intake seals them faster than they are ingested), what every
 * ingestion pays whatever its size — the shared expansion, one statement per update policy, the commit — is paid once
 * for the group instead of once per batch.
 *
 * Only when running the policies over the union of the batches gives exactly the union of their per-batch results:
 * every policy fed by the table is row-local (`CompiledQuery.rowLocal`: each output row comes from one input row and
 * keeps its ingestion time), reads nothing but its source's new rows, does not depend on the time it runs, and writes
 * a table that keeps its rows and feeds no policy. Output rows tell their batch by their ingestion time, which is
 * distinct per batch. In any other case, and on any error (the transaction rolls back: nothing landed), the caller
 * ingests the batches one by one, which also reports failures exactly as for a single batch.
 */
import { randomUUID } from "node:crypto";
import type { UpdatePolicyEntry } from "../policies/update";
import type { Catalog, TableInfo } from "../storage/catalog";
import { dataTableRef } from "../storage/sql";
import type { Storage } from "../storage/storage";
import type { IngestCaller } from "./failures";
import {
  appendStaged,
  type CreatedExtent,
  type FinalizeInfo,
  type IngestResult,
  insertExtents,
  sizes,
} from "./pipeline";
import { compilePolicy, type PolicySource } from "./policy-compile";
import { type QueuedMessages, type QueuedPart, queuedSourceSql, stageQueued } from "./queue-stage";
import { keepsNothing } from "./retention";
import { ensureSharedTables, onlyPrefixesRead, shareCommonWork, type SharedPrefix } from "./shared-prefix";
import { inlineParams } from "./sql-literals";
import { clearStages, restoreStages, runPrepared, stagesSnapshot, withStatementsForAnyRows } from "./stage-tables";
import {
  checkSchema,
  ensureExtentsTable,
  type ExtentsTable,
  newTempName,
  type PolicyOfSource,
  policiesWithSource,
  type PolicyRun,
  policyInsert,
  stageExtents,
  stagedExtentsOf,
  stageTableFor,
  type StagedExtent,
  tempRef,
} from "./update-policies";
import type { CellValue } from "./values";

/** One sealed batch of a group. */
export interface GroupPart {
  /** Decoded rows in the table's column order (with `queued`, may be empty: the batch then only finalizes). */
  readonly rows: readonly CellValue[][];
  /** Messages staged from the queue in SQL (queue-stage.ts), after `rows`. */
  readonly queued: QueuedMessages | null;
  readonly originalSize: number;
  readonly ingestionTime: Date;
  /** Runs inside the group's transaction, once per part (see `IngestOptions.finalize`). */
  readonly finalize: (info: FinalizeInfo) => Promise<void>;
}

/** Who ingests, and how the operation is reported (as `IngestOptions`, per group). */
export interface GroupOptions {
  readonly storage: Storage;
  readonly caller: IngestCaller;
  readonly operationKind: string;
  readonly sourcePath: string;
}

/** The staged extents of a group: one per target and part. */
const GROUP_EXTENTS: ExtentsTable = "ingest$group";

/** Whether a group of `table` can be ingested in one pass (see the module comment). */
export function canIngestGrouped(storage: Storage, table: TableInfo): boolean {
  const catalog = storage.catalog;
  if (keepsNothing(catalog, table.name) && policiesWithSource(catalog, table.name).length === 0) return false;
  const source: PolicySource = { table: table.name, temp: tempRef(newTempName(table.name)) };
  for (const { target, entry } of policiesWithSource(catalog, table.name)) {
    if (target.name === table.name || keepsNothing(catalog, target.name)) return false;
    if (policiesWithSource(catalog, target.name).length > 0) return false;
    try {
      const compiled = compilePolicy(storage, catalog, source, target, entry, new Date());
      checkSchema(compiled, target);
      if (!compiled.reusable || !compiled.readsOnlySource || !compiled.rowLocal) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Ingestion times in nanoseconds, strictly increasing so that each part's is its own. */
function distinctTimes(parts: readonly GroupPart[]): bigint[] {
  const times: bigint[] = [];
  for (const part of parts) {
    const ns = BigInt(part.ingestionTime.getTime()) * 1_000_000n;
    const previous = times[times.length - 1];
    times.push(previous !== undefined && ns <= previous ? previous + 1n : ns);
  }
  return times;
}

/**
 * Ingests the parts in one pass, in one transaction. Resolves to one result per part, or null when the group cannot
 * be ingested this way (nothing was written: ingest the parts one by one).
 */
export async function ingestGroup(
  opts: GroupOptions,
  tableName: string,
  parts: readonly GroupPart[],
): Promise<IngestResult[] | null> {
  const { storage } = opts;
  // Shared, not exclusive: what `canIngestGrouped` allows only appends, and removes queue rows of its own batches.
  return storage.db.shared(() =>
    withStatementsForAnyRows(storage, async () => {
      const table = storage.catalog.tables.get(tableName);
      if (!table || !canIngestGrouped(storage, table)) return null;
      const times = distinctTimes(parts);
      const sourceIds = parts.map(() => randomUUID());
      const temps: string[] = [];
      try {
        const tables = await makeGroupTables(storage, table);
        const { name } = tables;
        temps.push(name);
        const queued = parts.flatMap((part, p) =>
          part.queued ? [{ queued: part.queued, extentId: sourceIds[p]!, timeNs: times[p]! }] : [],
        );
        const from = queueSource(storage, table, parts, queued, tables);
        let rows: number[];
        if (from !== null) {
          // Each part's finalize checks, in the transaction that reads them, that all its messages were still queued.
          rows = parts.map((part) => part.queued?.ids.length ?? 0);
        } else {
          await appendStaged(
            storage,
            name,
            table,
            parts.map((part, p) => ({ rows: part.rows, extentId: sourceIds[p]!, timeNs: times[p]! })),
          );
          const fromQueue = await stageQueued(storage, name, table, queued);
          rows = parts.map((part) => part.rows.length + (part.queued ? fromQueue.shift()! : 0));
        }
        // What `ensureStage` believes exists, to restore if the transaction rolls back (the tables made above stay).
        const before = stagesSnapshot(storage);
        try {
          return await storage.db.transaction(() =>
            runGroup(opts, table, parts, { ...tables, sourceIds, times, temps, rows, from }),
          );
        } catch {
          restoreStages(storage, before);
          return null;
        }
      } finally {
        await clearStages(storage, temps).catch(() => undefined);
      }
    }),
  );
}

interface Staged extends GroupTables {
  /** Rows staged per part. */
  readonly rows: readonly number[];
  readonly sourceIds: readonly string[];
  readonly times: readonly bigint[];
  readonly temps: string[];
  /** The query of the new rows, read from the queue instead of staged (`queueSource`); null when they were staged. */
  readonly from: string | null;
}

/** The temp tables a group of a table writes (its staged table `name`, read as `source`), and what reads them. */
export interface GroupTables {
  readonly name: string;
  readonly source: PolicySource;
  /** The source's policies: the entries `sharing` was planned for (its rewrites are keyed by them). */
  readonly policies: readonly PolicyOfSource[];
  /** The shared prefixes, their tables made (`ensureSharedTables`). */
  readonly sharing: readonly SharedPrefix[];
}

/**
 * Makes, on `storage`'s connection, every temp table a group of `table` writes: the staged table, the group's
 * extents, the shared prefixes'. A group makes them before its transaction begins: one created inside would make the
 * statements prepared in it stale once it ends, and the next group would prepare all of them again.
 */
export async function makeGroupTables(storage: Storage, table: TableInfo): Promise<GroupTables> {
  const name = await stageTableFor(storage, table);
  await ensureExtentsTable(storage, GROUP_EXTENTS);
  const source = { table: table.name, temp: tempRef(name) };
  const policies = policiesWithSource(storage.catalog, table.name);
  const sharing = await ensureSharedTables(storage, storage.catalog, source, policies, new Date());
  return { name, source, policies, sharing };
}

/**
 * Whether a group of `table` may read its queued messages in place rather than stage them: the table keeps nothing,
 * and nothing but the shared prefixes reads the staged rows. (Its messages' mapping decides too: `queuedSourceSql`.)
 */
export function readsQueueInPlace(catalog: Catalog, table: string, tables: GroupTables): boolean {
  return keepsNothing(catalog, table) && onlyPrefixesRead(tables.sharing, tables.policies, tables.source.temp);
}

/**
 * The query reading the group's new rows straight from the queue (queue-stage.ts `queuedSourceSql`), or null when
 * they must be staged: when `readsQueueInPlace` says no, or when a part has rows decoded in JavaScript.
 */
function queueSource(
  storage: Storage,
  table: TableInfo,
  parts: readonly GroupPart[],
  queued: readonly QueuedPart[],
  tables: GroupTables,
): string | null {
  if (parts.some((part) => part.rows.length > 0) || !readsQueueInPlace(storage.catalog, table.name, tables))
    return null;
  return queuedSourceSql(storage.catalog, table, queued);
}

async function runGroup(
  opts: GroupOptions,
  table: TableInfo,
  parts: readonly GroupPart[],
  staged: Staged,
): Promise<IngestResult[]> {
  const { storage } = opts;
  const catalog = storage.catalog;
  const { policies } = staged;
  const targetIds = await newExtentIds(
    storage,
    policies.map((p) => p.target.name),
    staged,
  );
  const totalRows = staged.rows.reduce((n, r) => n + r, 0);
  const source: StagedExtent = {
    table: table.name,
    temp: staged.source.temp,
    extentId: staged.sourceIds[0]!,
    rows: totalRows,
    originalSize: parts.reduce((n, p) => n + p.originalSize, 0),
    persist: !keepsNothing(catalog, table.name),
  };
  const run: PolicyRun = {
    storage,
    ingestionTimeNs: staged.times[0]!,
    operationKind: opts.operationKind,
    sourcePath: opts.sourcePath,
    visited: new Set([table.name]),
    temps: staged.temps,
    failures: [],
    direct: true,
  };
  const shared = await shareCommonWork(run, catalog, source, policies, staged.sharing, staged.from ?? undefined);
  const appended = new Map<string, number>();
  for (const { target, entry } of policies) {
    const rewritten = shared.get(entry);
    // Read from the queue, the staged table is empty: a policy reading it would miss every row.
    if (!rewritten && staged.from !== null) throw new Error("A policy does not read the rows taken from the queue.");
    const rows = await runPrepared(storage, policyStatement(storage, source, target, entry, rewritten), []);
    appended.set(target.name, (appended.get(target.name) ?? 0) + rows);
  }
  // One part: each target's new extent holds what its policies appended. Several: counted per extent id.
  const counts =
    parts.length === 1
      ? new Map([...targetIds].map(([target, ids]) => [ids[0]!, appended.get(target) ?? 0]))
      : await countRows(storage, [...new Set(policies.map((p) => p.target.name))], staged.times[0]!);
  if (source.persist) await storage.db.run(`INSERT INTO ${dataTableRef(table.name)} SELECT * FROM ${source.temp}`);

  const results: IngestResult[] = [];
  const extentRows: { extent: CreatedExtent; timeNs: bigint }[] = [];
  parts.forEach((part, p) => {
    const created: CreatedExtent[] = [];
    const add = (tableOf: string, extentId: string, rows: number, originalSize: number) => {
      if (rows === 0) return;
      const extent = { table: tableOf, extentId, rows, originalSize, ...sizes(originalSize) };
      created.push(extent);
      extentRows.push({ extent, timeNs: staged.times[p]! });
    };
    const partRows = staged.rows[p]!;
    if (source.persist) add(table.name, staged.sourceIds[p]!, partRows, part.originalSize);
    for (const [target, ids] of targetIds) {
      const rows = counts.get(ids[p]!) ?? 0;
      // Estimated, as for a single batch: the source's raw size in proportion to the rows derived from it.
      const size = partRows > 0 ? Math.round((part.originalSize * rows) / partRows) : 0;
      add(target, ids[p]!, rows, size);
    }
    results.push({ extents: created, rows: partRows, policyFailures: [] });
  });
  await insertExtents(storage, extentRows);
  for (const [p, part] of parts.entries()) {
    const partRows = staged.rows[p]!;
    const kept = source.persist && partRows > 0;
    await part.finalize({
      sourceExtentId: kept ? staged.sourceIds[p]! : null,
      rows: partRows,
      readInPlace: staged.from !== null,
    });
  }
  return results;
}

/**
 * The statement appending a policy's rows of a group to its target, each row joined to its batch's new extent by its
 * ingestion time. `rewritten`: the policy's query reading its shared prefix (`shareCommonWork`), if it has one.
 */
export function policyStatement(
  storage: Storage,
  source: PolicySource,
  target: TableInfo,
  entry: UpdatePolicyEntry,
  rewritten: string | undefined,
): string {
  const compiled = compilePolicy(storage, storage.catalog, source, target, entry, new Date());
  const inlined = inlineParams(rewritten ?? compiled.sql, compiled.params);
  if (inlined === null) throw new Error("A grouped policy needs its values inlined.");
  const extent = ` JOIN ${stagedExtentsOf(target.name, GROUP_EXTENTS)} ON "_extent"."ingestion_time" = "_policy"."$ingestion_time"`;
  return policyInsert(compiled, target, dataTableRef(target.name), inlined, extent);
}

/** Stages one new extent id per target and part; returns each target's ids in part order. */
async function newExtentIds(
  storage: Storage,
  targets: readonly string[],
  staged: Staged,
): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  const extents: { table: string; extentId: string; timeNs: bigint }[] = [];
  for (const table of new Set(targets)) {
    const mine = staged.times.map(() => randomUUID());
    ids.set(table, mine);
    staged.times.forEach((timeNs, p) => extents.push({ table, extentId: mine[p]!, timeNs }));
  }
  await stageExtents(storage, staged.temps, extents, GROUP_EXTENTS);
  return ids;
}

/**
 * Rows per new extent id, read back from the targets: one statement for all of them. The time bound only lets
 * DuckDB skip older row groups (the new rows all have later ingestion times); the extent ids decide.
 */
async function countRows(storage: Storage, targets: readonly string[], fromNs: bigint): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (targets.length === 0) return counts;
  const legs = targets.map(
    (t) =>
      `SELECT CAST("$extent_id" AS VARCHAR) AS e, count(*) AS n FROM ${dataTableRef(t)} WHERE "$ingestion_time" >= make_timestamp_ns(${fromNs}) AND "$extent_id" IN (SELECT "extent_id" FROM ${stagedExtentsOf(t, GROUP_EXTENTS)}) GROUP BY "$extent_id"`,
  );
  for (const row of await storage.db.all(legs.join("\nUNION ALL\n"))) counts.set(String(row.e), Number(row.n));
  return counts;
}
