/**
 * Running the update policies over the rows of one new extent. Each policy query is compiled with its source table
 * replaced by the temp table of new rows (`policy-compile.ts`), and its output lands in a temp table of the target;
 * targets that are themselves sources cascade (each table once per ingestion).
 *
 * Two modes (the caller picks, see pipeline.ts):
 *   - staged (the general path): nothing here touches the real tables; the caller commits all temp tables in one
 *     transaction, so a failing policy simply leaves its temp table out (failures are handled here);
 *   - direct (the fast path, inside the caller's commit transaction): a target that feeds no policy and keeps its
 *     rows gets them appended straight to its data table, and any error propagates — the caller rolls the whole
 *     transaction back and re-runs the staged path, which then reports failures exactly as above.
 * Statements are prepared once per metadata version over temp tables that outlive the ingestion
 * (`stage-tables.ts`), so a batch pays execution, not planning.
 */
import { randomUUID } from "node:crypto";
import type { UpdatePolicyEntry } from "../policies/update";
import type { Catalog, TableInfo } from "../storage/catalog";
import { DUCKDB_TYPES } from "../storage/kusto-types";
import { dataTableRef, quoteIdent } from "../storage/sql";
import type { Storage } from "../storage/storage";
import { failure, type IngestionFailure } from "./failures";
import { compilePolicy, type CompiledPolicy, type PolicySource, timeOf } from "./policy-compile";
import { keepsNothing } from "./retention";
import { shareCommonWork } from "./shared-prefix";
import { inlineParams, sqlString } from "./sql-literals";
import { ensureStage, runOnce, runPrepared, tempRef } from "./stage-tables";

export { tempRef } from "./stage-tables";

/** New rows of one table, staged in a temp table with the data table's layout. */
export interface StagedExtent {
  readonly table: string;
  /** SQL reference of the temp table (unused when `committed`). */
  readonly temp: string;
  readonly extentId: string;
  readonly rows: number;
  readonly originalSize: number;
  /** False when the table's retention is 0: its policies ran, its rows are not committed. */
  readonly persist: boolean;
  /** Direct mode: the rows were appended to the data table already (inside the caller's transaction). */
  readonly committed?: boolean;
}

/** A transactional policy failed: the whole ingestion (source and every target) must be abandoned. */
export class TransactionalPolicyFailure extends Error {
  constructor(readonly failure: IngestionFailure) {
    super(failure.details);
    this.name = "TransactionalPolicyFailure";
  }
}

/** An update policy entry with the table it writes. */
export type PolicyOfSource = { readonly target: TableInfo; readonly entry: UpdatePolicyEntry };

/** Per catalog snapshot (replaced at every metadata change): each source's policies, parsed once. */
const bySource = new WeakMap<Catalog, Map<string, readonly PolicyOfSource[]>>();

/**
 * Enabled update policies whose Source is `source`, with their target table. The same catalog gives the same entry
 * objects: callers key what they derive from a policy (e.g. its shared-prefix rewrite) by its entry.
 */
export function policiesWithSource(catalog: Catalog, source: string): readonly PolicyOfSource[] {
  let cache = bySource.get(catalog);
  if (!cache) bySource.set(catalog, (cache = new Map()));
  const known = cache.get(source);
  if (known) return known;
  const out: PolicyOfSource[] = [];
  for (const p of catalog.policies) {
    if (p.kind !== "update" || p.entityType !== "Table") continue;
    const target = catalog.tables.get(p.entityName);
    if (!target) continue;
    for (const entry of JSON.parse(p.policy) as UpdatePolicyEntry[]) {
      if (entry.IsEnabled && entry.Source === source) out.push({ target, entry });
    }
  }
  cache.set(source, out);
  return out;
}

/**
 * The temp table of a table's new rows. One name per table is enough: ingestions run one at a time under the
 * writer lock, each table is staged at most once per ingestion, and every staged table is emptied at its end. A
 * stable name also lets compiled and prepared policy statements be reused across ingestions.
 */
export function newTempName(table: string): string {
  return `new$${table}`;
}

/** Makes sure the (empty) temp table of `table`'s new rows exists with the data table's layout; returns its name. */
export async function stageTableFor(storage: Storage, table: TableInfo): Promise<string> {
  const name = newTempName(table.name);
  const layout = table.columns.map((c) => `${c.name}:${c.type}`).join(",");
  await ensureStage(
    storage,
    name,
    layout,
    `CREATE TEMP TABLE ${quoteIdent(name)} AS SELECT * FROM ${dataTableRef(table.name)} LIMIT 0`,
  );
  return name;
}

/** Context of one ingestion's policy run. */
export interface PolicyRun {
  readonly storage: Storage;
  readonly ingestionTimeNs: bigint;
  readonly operationKind: string;
  readonly sourcePath: string;
  /** Tables already ingested in this operation (cycles are cut: each table once). */
  readonly visited: Set<string>;
  /** Every staged table used (emptied by the caller whatever happens). */
  readonly temps: string[];
  /** Non-transactional failures, recorded after the commit. */
  readonly failures: IngestionFailure[];
  /** Direct mode (see the module comment): runs inside the commit transaction, errors propagate. */
  readonly direct?: boolean;
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

export function checkSchema(compiled: CompiledPolicy, target: TableInfo): void {
  const querySchema = compiled.columns.map((c) => c.type).join(",");
  const tableSchema = target.columns.map((c) => c.type).join(",");
  if (querySchema !== tableSchema) {
    throw new SchemaMismatch(
      `Query schema does not match table schema. QuerySchema=('${querySchema}'), TableSchema=('${tableSchema}')`,
    );
  }
}

/**
 * Whether direct mode can give the same result as the staged path for an ingestion into `source`: every policy
 * reachable from it compiles, matches its target's schema and reads nothing but its source's new rows — a policy
 * reading another table could otherwise see rows this same transaction appended before it ran.
 */
export function canRunDirect(storage: Storage, source: PolicySource, ingestionTimeNs: bigint): boolean {
  const catalog = storage.catalog;
  const seen = new Set([source.table]);
  const now = timeOf({ ingestionTimeNs });
  const walk = (from: PolicySource): boolean => {
    for (const { target, entry } of policiesWithSource(catalog, from.table)) {
      try {
        const compiled = compilePolicy(storage, catalog, from, target, entry, now);
        checkSchema(compiled, target);
        if (!compiled.readsOnlySource) return false;
      } catch {
        return false;
      }
      if (seen.has(target.name)) continue;
      seen.add(target.name);
      if (!walk({ table: target.name, temp: tempRef(newTempName(target.name)) })) return false;
    }
    return true;
  };
  return walk(source);
}

/**
 * Runs the policies fed by `source` and, recursively, those fed by their targets. Returns the staged targets.
 * @throws TransactionalPolicyFailure when a transactional policy (or a transactional descendant) fails (staged mode)
 */
export async function runUpdatePolicies(run: PolicyRun, source: StagedExtent): Promise<StagedExtent[]> {
  const catalog = run.storage.catalog;
  const staged: StagedExtent[] = [];
  const policies = policiesWithSource(catalog, source.table).filter((p) => !run.visited.has(p.target.name));
  const shared = await shareCommonWork(run, catalog, source, policies);
  const extentIds = await newExtentIds(run, policies);
  for (const { target, entry } of policies) {
    if (run.visited.has(target.name)) continue;
    run.visited.add(target.name);
    if (run.direct) {
      const mine = await runOne(run, catalog, source, target, entry, shared.get(entry), extentIds);
      if (mine.rows > 0) staged.push(mine, ...(await runUpdatePolicies(run, mine)));
      continue;
    }
    try {
      const mine = await runOne(run, catalog, source, target, entry, shared.get(entry), extentIds);
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
  extentIds: ReadonlyMap<string, string>,
): Promise<StagedExtent> {
  const compiled = compilePolicy(run.storage, catalog, source, target, entry, timeOf(run));
  checkSchema(compiled, target);
  const persist = !keepsNothing(catalog, target.name);
  // Straight into the data table only when nothing needs these rows staged: no policy reads them, they are kept.
  const straight = run.direct === true && persist && policiesWithSource(catalog, target.name).length === 0;
  let destination = dataTableRef(target.name);
  let temp = "";
  if (!straight) {
    const name = await stageTableFor(run.storage, target);
    run.temps.push(name);
    temp = destination = tempRef(name);
  }
  const body = sharedSql ?? compiled.sql;
  const inlined = inlineParams(body, compiled.params);
  const extent = `, ${stagedExtentsOf(target.name)}`;
  const statement = policyInsert(compiled, target, destination, inlined ?? body, extent);
  const rows =
    compiled.reusable && inlined !== null
      ? await runPrepared(run.storage, statement, [])
      : await runOnce(run.storage, statement, inlined === null ? compiled.params : []);
  return {
    table: target.name,
    temp,
    extentId: extentIds.get(target.name)!,
    rows,
    // Estimated: the source's raw size in proportion to the rows derived from it.
    originalSize: source.rows > 0 ? Math.round((source.originalSize * rows) / source.rows) : 0,
    persist,
    committed: straight,
  };
}

/**
 * The statement that appends a policy's output to `destination`: `body` is the policy's SQL, `extent` the rest of
 * the FROM clause after `"_policy"`, which must name a relation `"_extent"` with the rows' extent id and ingestion
 * time. Columns are matched by position, as ADX does; the casts only restate the (equal) types for DuckDB. The
 * extent id and time come from staged rows and the query's values are written as literals, so the text is the same
 * for every batch and its prepared plan runs without being bound again (see sql-literals.ts).
 */
export function policyInsert(
  compiled: CompiledPolicy,
  target: TableInfo,
  destination: string,
  body: string,
  extent: string,
): string {
  const items = compiled.columns.map(
    (c, i) =>
      `CAST(${quoteIdent(c.name)} AS ${DUCKDB_TYPES[target.columns[i]!.type]}) AS ${quoteIdent(target.columns[i]!.name)}`,
  );
  items.push(`"_extent"."extent_id" AS "$extent_id"`, `"_extent"."ingestion_time" AS "$ingestion_time"`);
  // MATERIALIZED keeps DuckDB from planning the query together with the join: it would pull the query's filters
  // up to the join and compute the projections below them for every row of the source (~4x slower).
  return `INSERT INTO ${destination} WITH "_policy" AS MATERIALIZED (${body}) SELECT ${items.join(", ")} FROM "_policy"${extent}`;
}

/**
 * Staged rows (table, extent id, ingestion time) the policy statements read their extent's id and time from: one
 * table per kind of ingestion (one extent per table, or per table and batch for a group), so that each kind's
 * prepared statements keep reading the same table.
 */
export type ExtentsTable = "ingest$extents" | "ingest$group";
const EXTENTS: ExtentsTable = "ingest$extents";

/** The staged extents of `table` as the relation `"_extent"` (its extent id and ingestion time). */
export function stagedExtentsOf(table: string, from: ExtentsTable = EXTENTS): string {
  return `(SELECT "extent_id", "ingestion_time" FROM ${tempRef(from)} WHERE "table_name" = ${sqlString(table)}) AS "_extent"`;
}

/** Makes sure the (empty) staged extents table exists. */
export function ensureExtentsTable(storage: Storage, into: ExtentsTable = EXTENTS): Promise<void> {
  return ensureStage(
    storage,
    into,
    "v1",
    `CREATE TEMP TABLE ${quoteIdent(into)} (table_name VARCHAR, extent_id UUID, ingestion_time TIMESTAMP_NS)`,
  );
}

/** Stages new extents for the policy statements (emptied with the run's other staged tables). */
export async function stageExtents(
  storage: Storage,
  temps: string[],
  extents: readonly { table: string; extentId: string; timeNs: bigint }[],
  into: ExtentsTable = EXTENTS,
): Promise<void> {
  await ensureExtentsTable(storage, into);
  temps.push(into);
  if (extents.length === 0) return;
  const rows = extents.map((e) => `(${sqlString(e.table)}, '${e.extentId}'::UUID, make_timestamp_ns(${e.timeNs}))`);
  await storage.db.run(`INSERT INTO ${tempRef(into)} VALUES ${rows.join(", ")}`);
}

const extentIdsOf = new WeakMap<PolicyRun, Map<string, string>>();

/**
 * One new extent id per target table and ingestion, staged for the policy statements. A table is staged once
 * even when several levels of a cascade list it (a second row would duplicate its rows in the join).
 */
async function newExtentIds(
  run: PolicyRun,
  policies: readonly { target: TableInfo }[],
): Promise<ReadonlyMap<string, string>> {
  let ids = extentIdsOf.get(run);
  if (!ids) extentIdsOf.set(run, (ids = new Map()));
  const added: { table: string; extentId: string; timeNs: bigint }[] = [];
  for (const { target } of policies) {
    if (ids.has(target.name)) continue;
    const extentId = randomUUID();
    ids.set(target.name, extentId);
    added.push({ table: target.name, extentId, timeNs: run.ingestionTimeNs });
  }
  if (added.length > 0) await stageExtents(run.storage, run.temps, added);
  return ids;
}
