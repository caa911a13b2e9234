/**
 * Compiling an update policy's query against one ingestion's staged rows, cached per metadata version: analysing
 * and compiling a policy query costs ~40 ms, paid once per version instead of per batch.
 */
import { globalsFor } from "../commands/context";
import { parseAndAnalyze } from "../kusto/language";
import type { UpdatePolicyEntry } from "../policies/update";
import { type CompiledQuery, compileQuery } from "../query";
import type { Catalog, TableInfo } from "../storage/catalog";
import { dataTableRef } from "../storage/sql";
import type { Storage } from "../storage/storage";

/** A compiled policy query. */
export interface CompiledPolicy extends CompiledQuery {
  /** False when the SQL depends on the time it was compiled at (now(), ago()): it is compiled for each ingestion. */
  readonly reusable: boolean;
  /** True when the query reads no table but its source's new rows (so it cannot see rows of this ingestion). */
  readonly readsOnlySource: boolean;
}

/** The staged rows a policy reads as its Source. */
export interface PolicySource {
  readonly table: string;
  /** SQL reference of the temp table holding the new rows. */
  readonly temp: string;
}

const compiledCache = new WeakMap<Storage, Map<string, CompiledPolicy | "uncacheable">>();
const EPOCH_A = new Date(Date.UTC(2001, 0, 1));
const EPOCH_B = new Date(Date.UTC(2002, 0, 1));

/**
 * Compiles `entry.Query` with `tableSource(source)` = the staged rows.
 * @throws the analyzer's or translator's error when the query does not compile
 */
export function compilePolicy(
  storage: Storage,
  catalog: Catalog,
  source: PolicySource,
  target: TableInfo,
  entry: UpdatePolicyEntry,
  now: Date,
): CompiledPolicy {
  // Analysed once, translated once or twice (see below): analysing is most of the ~35 ms a policy takes to compile.
  let code: ReturnType<typeof parseAndAnalyze> | undefined;
  const compile = (at: Date): CompiledQuery & { readsOnlySource: boolean } => {
    let readsOnlySource = true;
    code ??= parseAndAnalyze(entry.Query, globalsFor(storage));
    const compiled = compileQuery(code, {
      tableSource: (name) => {
        if (name === source.table) return source.temp;
        readsOnlySource = false;
        return dataTableRef(name);
      },
      functionDefinition: (name) => {
        const f = catalog.functions.get(name);
        return f ? { parameters: f.parameters, body: f.body } : undefined;
      },
      parameters: {},
      now: at,
      // A row-local policy also yields each row's ingestion time: a grouped ingestion (group-ingest.ts) tells the
      // batches apart by it. Policy statements read the query's columns by name, so the extra column is harmless.
      keepIngestionTime: true,
    });
    return { ...compiled, readsOnlySource };
  };
  // Per root: an ingestion lane's view of the storage compiles to the same SQL.
  let cache = compiledCache.get(storage.root);
  if (!cache) compiledCache.set(storage.root, (cache = new Map()));
  const key = cacheKey(storage, source, target, entry);
  const hit = cache.get(key);
  if (hit && hit !== "uncacheable") return hit;
  if (hit === "uncacheable") return { ...compile(now), reusable: false };
  // A query that reads now()/ago() compiles differently at another time: such queries are never reused.
  const a = compile(EPOCH_A);
  const b = compile(EPOCH_B);
  const same = a.sql === b.sql && JSON.stringify(a.params, jsonSafe) === JSON.stringify(b.params, jsonSafe);
  if (cache.size > 5000) cache.clear();
  cache.set(key, same ? { ...a, reusable: true } : "uncacheable");
  return same ? { ...a, reusable: true } : { ...compile(now), reusable: false };
}

function cacheKey(storage: Storage, source: PolicySource, target: TableInfo, entry: UpdatePolicyEntry): string {
  return `${storage.version}\u0000${source.table}\u0000${source.temp}\u0000${target.name}\u0000${entry.Query}`;
}

/** Whether `compilePolicy` has the policy's compiled query cached for the current metadata version. */
export function isCompiled(
  storage: Storage,
  source: PolicySource,
  target: TableInfo,
  entry: UpdatePolicyEntry,
): boolean {
  return compiledCache.get(storage.root)?.has(cacheKey(storage, source, target, entry)) ?? false;
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** The ingestion time as a Date (what `now()` compiles to for queries that read it). */
export function timeOf(run: { ingestionTimeNs: bigint }): Date {
  return new Date(Number(run.ingestionTimeNs / 1_000_000n));
}
