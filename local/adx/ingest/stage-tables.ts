/**
 * The temp tables an ingestion stages rows in (a table's new rows, an update policy's output, a shared CTE prefix)
 * and the prepared statements that fill them. Both are kept from one ingestion to the next: creating or dropping a
 * temp table changes DuckDB's temp catalog, which makes every prepared statement that reads it plan again — and
 * planning the console's 26 large policy statements was most of a batch's cost. A staged table is emptied instead
 * (`DELETE`), and since DuckDB frees the deleted rows of a temp table only when the temp catalog is checkpointed,
 * every clear ends with `CHECKPOINT temp` (well under a millisecond; without it memory grows by each batch's size).
 *
 * DuckDB plans a prepared statement again at every run once a table was created or dropped on the connection after it
 * was prepared — or before it, in the transaction it was prepared in (the first ingestion after a metadata change
 * creates its temp tables inside its transaction, between the policies' statements). Measured: ~10 ms per run of an
 * update policy's statement instead of ~1.4 ms, so a batch of 5,000 records took ~0.33 s instead of ~0.2 s. Kept
 * statements are therefore prepared again once the catalog has changed (`Database.catalogEpoch`). A grouped
 * ingestion makes all its temp tables before its transaction begins (group-ingest.ts), so that what it prepares
 * stays valid for the next one; otherwise its first two ingestions after a change would each prepare every statement
 * (~0.5 s for the console's 26 policies).
 *
 * Everything here runs on the ingesting connection (the writer, or an ingestion lane: `Storage.throughLane`) under
 * the database's lock. Temp tables and prepared statements belong to a connection, so the state is kept per storage
 * view, one per connection.
 */
import type { DuckDBPreparedStatement, DuckDBValue } from "@duckdb/node-api";
import { quoteIdent } from "../storage/sql";
import type { Storage } from "../storage/storage";

/** The SQL reference of a temp table. */
export function tempRef(name: string): string {
  return `${quoteIdent("temp")}.${quoteIdent("main")}.${quoteIdent(name)}`;
}

interface State {
  /** Staged tables that exist, by name → the key of the layout they were created with. */
  readonly tables: Map<string, string>;
  /** Prepared statements by SQL text, valid for one metadata version, with the catalog epoch they were prepared in. */
  prepared: Map<string, { statement: DuckDBPreparedStatement; epoch: number }>;
  version: number;
  /** Statements prepared so far (see `preparedCount`). */
  prepares: number;
}

const states = new WeakMap<Storage, State>();

function stateOf(storage: Storage): State {
  let state = states.get(storage);
  if (!state)
    states.set(storage, (state = { tables: new Map(), prepared: new Map(), version: storage.version, prepares: 0 }));
  return state;
}

/** How many statements `runPrepared` has prepared on this storage view's connection (tests read it). */
export function preparedCount(storage: Storage): number {
  return stateOf(storage).prepares;
}

/** The SQL texts of the statements kept prepared on this storage view's connection (tests read them). */
export function preparedSql(storage: Storage): string[] {
  return [...stateOf(storage).prepared.keys()];
}

/**
 * Makes sure temp table `name` exists, empty, with the layout `key` stands for; `create` is the `CREATE TEMP TABLE`
 * statement used when it does not (or has another layout).
 */
export async function ensureStage(storage: Storage, name: string, key: string, create: string): Promise<void> {
  const state = stateOf(storage);
  if (state.tables.get(name) === key) return;
  state.tables.delete(name);
  storage.db.catalogChanged();
  await storage.db.run(`DROP TABLE IF EXISTS ${tempRef(name)}`);
  await storage.db.run(create);
  state.tables.set(name, key);
}

/** Empties staged tables at the end of an ingestion; a table that cannot be emptied is dropped. */
export async function clearStages(storage: Storage, names: Iterable<string>): Promise<void> {
  const state = stateOf(storage);
  for (const name of new Set(names)) {
    try {
      await storage.db.run(`DELETE FROM ${tempRef(name)}`);
    } catch {
      state.tables.delete(name);
      storage.db.catalogChanged();
      await storage.db.run(`DROP TABLE IF EXISTS ${tempRef(name)}`).catch(() => undefined);
    }
  }
  await storage.db.run("CHECKPOINT temp").catch(() => undefined);
}

/** What `ensureStage` believes exists, to restore after a rolled-back transaction (see `restoreStages`). */
export function stagesSnapshot(storage: Storage): ReadonlyMap<string, string> {
  return new Map(stateOf(storage).tables);
}

/**
 * After a rollback: the temp tables are as they were before the transaction (those it created or re-created are
 * undone), and so is what `ensureStage` believes.
 */
export function restoreStages(storage: Storage, snapshot: ReadonlyMap<string, string>): void {
  const tables = stateOf(storage).tables;
  tables.clear();
  for (const [name, key] of snapshot) tables.set(name, key);
}

/** How many ingestions are inside `withStatementsForAnyRows`, per root storage, and the setting's last change. */
const holds = new WeakMap<Storage, { count: number; settled: Promise<void> }>();

/**
 * Runs `fn` with DuckDB's statistics-based optimizations off. A kept statement is planned for the rows present when
 * it was prepared: with statistics propagation DuckDB folds what those rows imply into the plan (e.g. a filter on a
 * category absent from the first batch becomes "no rows", a column that was all null becomes a constant), which
 * would be wrong for every later batch. Without it, the plan depends on the query alone.
 *
 * The setting is global to the DuckDB instance (it cannot be set per connection), so with ingestion lanes side by
 * side it is switched off when the first one enters and back on when the last one leaves, in that order.
 */
export async function withStatementsForAnyRows<T>(storage: Storage, fn: () => Promise<T>): Promise<T> {
  let hold = holds.get(storage.root);
  if (!hold) holds.set(storage.root, (hold = { count: 0, settled: Promise.resolve() }));
  const change = (sql: string) => {
    hold.settled = hold.settled.catch(() => undefined).then(() => storage.db.run(sql));
    return hold.settled;
  };
  if (hold.count++ === 0) change(`SET disabled_optimizers = 'statistics_propagation,compressed_materialization'`);
  try {
    await hold.settled;
    return await fn();
  } finally {
    if (--hold.count === 0) await change(`RESET disabled_optimizers`);
  }
}

/**
 * Runs `sql` with `params` as a prepared statement kept for the current metadata version (the SQL of update
 * policies is compiled per version too), and returns the number of rows it changed. Planning happens once; DuckDB
 * itself re-plans a kept statement if a table it reads was altered meanwhile. Call it inside
 * `withStatementsForAnyRows`. Statements with parameters are bound again at every run: keep values in the text.
 */
export async function runPrepared(storage: Storage, sql: string, params: readonly unknown[]): Promise<number> {
  const prepared = await keptStatement(storage, sql);
  prepared.clearBindings();
  if (params.length > 0) prepared.bind(params as DuckDBValue[]);
  const result = await prepared.run();
  return Number(result.rowsChanged);
}

/** Prepares `sql` and keeps it, as `runPrepared` would, without running it (group-prepare.ts). */
export async function prepareKept(storage: Storage, sql: string): Promise<void> {
  await keptStatement(storage, sql);
}

async function keptStatement(storage: Storage, sql: string): Promise<DuckDBPreparedStatement> {
  const state = stateOf(storage);
  if (state.version !== storage.version || state.prepared.size > 500) {
    for (const p of state.prepared.values()) p.statement.destroySync();
    state.prepared = new Map();
    state.version = storage.version;
  }
  const epoch = storage.db.catalogEpoch;
  let kept = state.prepared.get(sql);
  if (kept && kept.epoch !== epoch) {
    kept.statement.destroySync();
    kept = undefined;
  }
  if (!kept) {
    kept = { statement: await storage.db.connection.prepare(sql), epoch };
    state.prepares++;
    state.prepared.set(sql, kept);
  }
  return kept.statement;
}

/** Runs `sql` once (not kept) and returns the number of rows it changed. */
export async function runOnce(storage: Storage, sql: string, params: readonly unknown[]): Promise<number> {
  const result =
    params.length > 0
      ? await storage.db.connection.run(sql, params as DuckDBValue[])
      : await storage.db.connection.run(sql);
  return Number(result.rowsChanged);
}
