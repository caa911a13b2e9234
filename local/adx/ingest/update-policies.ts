/**
 * Running update policies over the rows of one new extent. Each policy query is compiled with its source table
 * replaced by the temp table of new rows, and its output lands in a temp table of the target; targets that are
 * themselves sources cascade (each table once per ingestion). Nothing here touches the real tables: the caller
 * commits all temp tables in one transaction, so a failure simply leaves them out.
 */
import type { DuckDBValue } from "@duckdb/node-api";
import { randomUUID } from "node:crypto";
import { globalsFor } from "../commands/context";
import { parseAndAnalyze } from "../kusto/language";
import type { UpdatePolicyEntry } from "../policies/update";
import { type CompiledQuery, compileQuery } from "../query";
import type { Catalog, TableInfo } from "../storage/catalog";
import { DUCKDB_TYPES } from "../storage/kusto-types";
import { dataTableRef, quoteIdent } from "../storage/sql";
import type { Storage } from "../storage/storage";
import { failure, type IngestionFailure } from "./failures";
import { prefixSql, rewriteWithShared, sharedPrefixLength, splitCtes, type SplitSql } from "./shared-prefix";
import { keepsNothing } from "./retention";

/** New rows of one table, staged in a temp table with the data table's layout. */
export interface StagedExtent {
  readonly table: string;
  /** SQL reference of the temp table. */
  readonly temp: string;
  readonly extentId: string;
  readonly rows: number;
  readonly originalSize: number;
  /** False when the table's retention is 0: its policies ran, its rows are not committed. */
  readonly persist: boolean;
}

/** A transactional policy failed: the whole ingestion (source and every target) must be abandoned. */
export class TransactionalPolicyFailure extends Error {
  constructor(readonly failure: IngestionFailure) {
    super(failure.details);
    this.name = "TransactionalPolicyFailure";
  }
}

/** Enabled update policies whose Source is `source`, with their target table. */
export function policiesWithSource(
  catalog: Catalog,
  source: string,
): { target: TableInfo; entry: UpdatePolicyEntry }[] {
  const out: { target: TableInfo; entry: UpdatePolicyEntry }[] = [];
  for (const p of catalog.policies) {
    if (p.kind !== "update" || p.entityType !== "Table") continue;
    const target = catalog.tables.get(p.entityName);
    if (!target) continue;
    for (const entry of JSON.parse(p.policy) as UpdatePolicyEntry[]) {
      if (entry.IsEnabled && entry.Source === source) out.push({ target, entry });
    }
  }
  return out;
}

/**
 * The temp table of a table's new rows. One name per table is enough: ingestions run one at a time under the
 * writer lock, each table is staged at most once per ingestion, and every temp table is dropped at its end. A
 * stable name also lets compiled policy queries be reused across ingestions.
 */
export function newTempName(table: string): string {
  return `new$${table}`;
}

/** The SQL reference of a temp table. */
export function tempRef(name: string): string {
  return `${quoteIdent("temp")}.${quoteIdent("main")}.${quoteIdent(name)}`;
}

/** Context of one ingestion's policy run. */
export interface PolicyRun {
  readonly storage: Storage;
  readonly ingestionTimeNs: bigint;
  readonly operationKind: string;
  readonly sourcePath: string;
  /** Tables already ingested in this operation (cycles are cut: each table once). */
  readonly visited: Set<string>;
  /** Every temp table created (dropped by the caller whatever happens). */
  readonly temps: string[];
  /** Non-transactional failures, recorded after the commit. */
  readonly failures: IngestionFailure[];
}

function describeError(error: unknown): { message: string; code: string; permanent: boolean } {
  const e = error as { message?: string; code?: string; kustoCode?: string; detail?: string; status?: number };
  const message = e.detail ?? e.message ?? String(error);
  if (e.code === "UpdatePolicy_QuerySchemaDoesNotMatchTableSchema") return { message, code: e.code, permanent: true };
  // Analyzer and translator errors are permanent; DuckDB runtime errors may be transient.
  if (e.kustoCode || e.status === 400) return { message, code: "UpdatePolicy_BadRequest", permanent: true };
  return { message, code: "UpdatePolicy_IngestionError", permanent: false };
}

class SchemaMismatch extends Error {
  readonly code = "UpdatePolicy_QuerySchemaDoesNotMatchTableSchema";
}

/**
 * Runs the policies fed by `source` and, recursively, those fed by their targets. Returns the staged targets.
 * @throws TransactionalPolicyFailure when a transactional policy (or a transactional descendant) fails
 */
export async function runUpdatePolicies(run: PolicyRun, source: StagedExtent): Promise<StagedExtent[]> {
  const catalog = run.storage.catalog;
  const staged: StagedExtent[] = [];
  const policies = policiesWithSource(catalog, source.table).filter((p) => !run.visited.has(p.target.name));
  const shared = await shareCommonWork(run, catalog, source, policies);
  for (const { target, entry } of policies) {
    if (run.visited.has(target.name)) continue;
    run.visited.add(target.name);
    try {
      const mine = await runOne(run, catalog, source, target, entry, shared.get(entry));
      if (mine.rows === 0) continue;
      const below = await runUpdatePolicies(run, mine);
      staged.push(mine, ...below);
    } catch (error) {
      const described =
        error instanceof TransactionalPolicyFailure
          ? {
              message: `Descendant update policy failed: ${error.failure.details}`,
              code: "UpdatePolicy_FailedDescendantTransaction",
              permanent: false,
            }
          : describeError(error);
      const f = failure({
        table: target.name,
        sourcePath: run.sourcePath,
        details: `Failed to invoke update policy. Target Table = '${target.name}', Query = '${entry.Query}': ${described.message}`,
        failureKind: described.permanent ? "Permanent" : "Transient",
        operationKind: run.operationKind,
        fromUpdatePolicy: true,
        errorCode: described.code,
        ingestionProperties: `Source=${source.table}`,
        shouldRetry: !described.permanent,
      });
      if (entry.IsTransactional) throw new TransactionalPolicyFailure(f);
      run.failures.push(f);
    }
  }
  return staged;
}

async function runOne(
  run: PolicyRun,
  catalog: Catalog,
  source: StagedExtent,
  target: TableInfo,
  entry: UpdatePolicyEntry,
  sharedSql: string | undefined,
): Promise<StagedExtent> {
  const compiled = compilePolicy(run.storage, catalog, source, target, entry, timeOf(run));
  const querySchema = compiled.columns.map((c) => c.type).join(",");
  const tableSchema = target.columns.map((c) => c.type).join(",");
  if (querySchema !== tableSchema) {
    throw new SchemaMismatch(
      `Query schema does not match table schema. QuerySchema=('${querySchema}'), TableSchema=('${tableSchema}')`,
    );
  }
  const name = newTempName(target.name);
  const extentId = randomUUID();
  // Matched by position, as ADX does; the casts only restate the (equal) types for DuckDB.
  const items = compiled.columns.map(
    (c, i) =>
      `CAST(${quoteIdent(c.name)} AS ${DUCKDB_TYPES[target.columns[i]!.type]}) AS ${quoteIdent(target.columns[i]!.name)}`,
  );
  items.push(
    `CAST('${extentId}' AS UUID) AS "$extent_id"`,
    `make_timestamp_ns(${run.ingestionTimeNs}) AS "$ingestion_time"`,
  );
  run.temps.push(name);
  await run.storage.db.run(`DROP TABLE IF EXISTS ${tempRef(name)}`);
  await run.storage.db.connection.run(
    `CREATE TEMP TABLE ${quoteIdent(name)} AS SELECT ${items.join(", ")} FROM (${sharedSql ?? compiled.sql}) AS "_policy"`,
    compiled.params as DuckDBValue[],
  );
  const [row] = await run.storage.db.all(`SELECT count(*) AS n FROM ${tempRef(name)}`);
  const rows = Number(row?.n ?? 0);
  return {
    table: target.name,
    temp: tempRef(name),
    extentId,
    rows,
    // Estimated: the source's raw size in proportion to the rows derived from it.
    originalSize: source.rows > 0 ? Math.round((source.originalSize * rows) / source.rows) : 0,
    persist: !keepsNothing(catalog, target.name),
  };
}

// Analysing and compiling a policy query costs ~40 ms, paid once per metadata version instead of per batch.
const compiledCache = new WeakMap<Storage, Map<string, CompiledQuery | "uncacheable">>();
const EPOCH_A = new Date(Date.UTC(2001, 0, 1));
const EPOCH_B = new Date(Date.UTC(2002, 0, 1));

function compilePolicy(
  storage: Storage,
  catalog: Catalog,
  source: StagedExtent,
  target: TableInfo,
  entry: UpdatePolicyEntry,
  now: Date,
): CompiledQuery {
  const compile = (at: Date) =>
    compileQuery(parseAndAnalyze(entry.Query, globalsFor(storage)), {
      tableSource: (name) => (name === source.table ? source.temp : dataTableRef(name)),
      functionDefinition: (name) => {
        const f = catalog.functions.get(name);
        return f ? { parameters: f.parameters, body: f.body } : undefined;
      },
      parameters: {},
      now: at,
    });
  let cache = compiledCache.get(storage);
  if (!cache) compiledCache.set(storage, (cache = new Map()));
  const key = `${storage.version}\u0000${source.table}\u0000${source.temp}\u0000${target.name}\u0000${entry.Query}`;
  const hit = cache.get(key);
  if (hit && hit !== "uncacheable") return hit;
  if (hit === "uncacheable") return compile(now);
  // A query that reads now()/ago() compiles differently at another time: such queries are never reused.
  const a = compile(EPOCH_A);
  const b = compile(EPOCH_B);
  const same = a.sql === b.sql && JSON.stringify(a.params, jsonSafe) === JSON.stringify(b.params, jsonSafe);
  if (cache.size > 5000) cache.clear();
  cache.set(key, same ? a : "uncacheable");
  return same ? a : compile(now);
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

function timeOf(run: PolicyRun): Date {
  return new Date(Number(run.ingestionTimeNs / 1_000_000n));
}

/**
 * Materialises the CTEs that several policies of this source share (see shared-prefix.ts) and returns, per policy
 * entry, its SQL rewritten to read them. Policies that do not compile are left out: they fail on their own later.
 */
async function shareCommonWork(
  run: PolicyRun,
  catalog: Catalog,
  source: StagedExtent,
  policies: readonly { target: TableInfo; entry: UpdatePolicyEntry }[],
): Promise<Map<UpdatePolicyEntry, string>> {
  const out = new Map<UpdatePolicyEntry, string>();
  const groups = new Map<string, { entry: UpdatePolicyEntry; split: SplitSql }[]>();
  for (const { target, entry } of policies) {
    let split: SplitSql | null = null;
    try {
      split = splitCtes(compilePolicy(run.storage, catalog, source, target, entry, timeOf(run)).sql);
    } catch {
      continue;
    }
    const first = split?.ctes[0];
    if (!split || !first) continue;
    const list = groups.get(first.body) ?? [];
    list.push({ entry, split });
    groups.set(first.body, list);
  }
  let n = 0;
  for (const members of groups.values()) {
    const k = sharedPrefixLength(members.map((m) => m.split));
    if (k === 0) continue;
    const name = `shared$${source.table}$${n++}`;
    run.temps.push(name);
    try {
      await run.storage.db.run(`DROP TABLE IF EXISTS ${tempRef(name)}`);
      await run.storage.db.run(`CREATE TEMP TABLE ${quoteIdent(name)} AS ${prefixSql(members[0]!.split, k)}`);
    } catch {
      // Each policy then runs its full query and reports its own error.
      continue;
    }
    for (const m of members) out.set(m.entry, rewriteWithShared(m.split, k, tempRef(name)));
  }
  return out;
}
