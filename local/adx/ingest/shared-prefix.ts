/**
 * Sharing work between the update policies of one source. Policies generated from the same template (the seed's
 * `Staging | mv-expand Raw.records | project Properties=…, Category=…` then a per-table filter) compile to SQL
 * whose first CTEs are textually identical; those CTEs — the expensive JSON expansion — are computed once into a
 * temp table and each policy reads from it. Identical SQL text gives identical rows, so this changes no result.
 * Only CTEs without bound parameters are shared (their text alone determines them).
 */
import type { UpdatePolicyEntry } from "../policies/update";
import type { Catalog, TableInfo } from "../storage/catalog";
import { quoteIdent } from "../storage/sql";
import type { Storage } from "../storage/storage";
import { compilePolicy, type PolicySource, timeOf } from "./policy-compile";
import { ensureStage, runOnce, runPrepared, tempRef } from "./stage-tables";
import type { PolicyRun, StagedExtent } from "./update-policies";

/** A compiled query split into its CTEs and the final SELECT. */
export interface SplitSql {
  readonly ctes: readonly { readonly name: string; readonly body: string }[];
  readonly final: string;
}

/** End (exclusive) of a parenthesised group starting at `open`, skipping quoted strings and identifiers. */
function closeParen(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const q = c;
      i++;
      while (i < sql.length) {
        if (sql[i] === q) {
          if (sql[i + 1] === q) i += 2;
          else break;
        } else i++;
      }
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits `WITH "_q1" AS (…),\n"_q2" AS (…)\nSELECT …`; null for any other shape. */
export function splitCtes(sql: string): SplitSql | null {
  if (!sql.startsWith("WITH ")) return null;
  const ctes: { name: string; body: string }[] = [];
  let i = 5;
  for (;;) {
    const head = /^"([^"]+)" AS \(/.exec(sql.slice(i, i + 200));
    if (!head) return null;
    const open = i + head[0].length - 1;
    const end = closeParen(sql, open);
    if (end < 0) return null;
    ctes.push({ name: head[1]!, body: sql.slice(open + 1, end - 1) });
    if (sql.startsWith(",\n", end)) i = end + 2;
    else if (sql.startsWith("\n", end)) return { ctes, final: sql.slice(end + 1) };
    else return null;
  }
}

/** How many leading CTEs every query shares (same name and text, no bound parameters). */
export function sharedPrefixLength(queries: readonly SplitSql[]): number {
  const first = queries[0];
  if (!first || queries.length < 2) return 0;
  let k = 0;
  while (k < first.ctes.length - 1) {
    const cte = first.ctes[k]!;
    if (/\$\d/.test(cte.body)) break;
    if (!queries.every((q) => q.ctes[k]?.name === cte.name && q.ctes[k]?.body === cte.body && q.ctes.length > k + 1))
      break;
    k++;
  }
  return k;
}

/** The SQL that materialises the first `k` CTEs (the rows of the k-th). */
export function prefixSql(split: SplitSql, k: number): string {
  const defs = split.ctes.slice(0, k).map((c) => `"${c.name}" AS (${c.body})`);
  return `WITH ${defs.join(",\n")}\nSELECT * FROM "${split.ctes[k - 1]!.name}"`;
}

/** The query with its first `k` CTEs replaced by a read of the materialised table. */
export function rewriteWithShared(split: SplitSql, k: number, sharedRef: string): string {
  const last = split.ctes[k - 1]!;
  const defs = [
    `"${last.name}" AS (SELECT * FROM ${sharedRef})`,
    ...split.ctes.slice(k).map((c) => `"${c.name}" AS (${c.body})`),
  ];
  return `WITH ${defs.join(",\n")}\n${split.final}`;
}

/** One shared prefix: its temp table, its SQL, and the policies that read it (with their split SQL and k). */
export interface SharedPrefix {
  readonly name: string;
  readonly prefix: string;
  readonly k: number;
  readonly members: readonly { entry: UpdatePolicyEntry; split: SplitSql }[];
}

/** The prefixes several policies of this source share. Policies that do not compile are left out. */
function sharedPrefixes(
  storage: Storage,
  catalog: Catalog,
  source: PolicySource,
  policies: readonly { target: TableInfo; entry: UpdatePolicyEntry }[],
  now: Date,
): SharedPrefix[] {
  const groups = new Map<string, { entry: UpdatePolicyEntry; split: SplitSql }[]>();
  for (const { target, entry } of policies) {
    let split: SplitSql | null = null;
    try {
      split = splitCtes(compilePolicy(storage, catalog, source, target, entry, now).sql);
    } catch {
      continue;
    }
    const first = split?.ctes[0];
    if (!split || !first) continue;
    const list = groups.get(first.body) ?? [];
    list.push({ entry, split });
    groups.set(first.body, list);
  }
  const out: SharedPrefix[] = [];
  for (const members of groups.values()) {
    const k = sharedPrefixLength(members.map((m) => m.split));
    if (k === 0) continue;
    out.push({ name: `shared$${source.table}$${out.length}`, prefix: prefixSql(members[0]!.split, k), k, members });
  }
  return out;
}

/** Each member policy's query rewritten to read the shared prefix's temp table. */
export function rewritesOf(shared: SharedPrefix): [UpdatePolicyEntry, string][] {
  return shared.members.map((m) => [m.entry, rewriteWithShared(m.split, shared.k, tempRef(shared.name))]);
}

/** The statement that fills the shared prefix's temp table from the staged rows. */
export function prefixInsert(shared: SharedPrefix): string {
  return `INSERT INTO ${tempRef(shared.name)} ${shared.prefix}`;
}

/** Makes sure the shared prefix's (empty) temp table exists with the prefix's layout. */
function ensureShared(storage: Storage, shared: SharedPrefix): Promise<void> {
  const { name, prefix } = shared;
  return ensureStage(storage, name, prefix, `CREATE TEMP TABLE ${quoteIdent(name)} AS ${prefix} LIMIT 0`);
}

/**
 * Creates the temp tables `shareCommonWork` fills, before the caller's transaction begins: a table created inside a
 * transaction makes every statement prepared in it stale once it ends (stage-tables.ts), so the next ingestion
 * would prepare the policies' statements once more. A failure is left to `shareCommonWork` to meet and report.
 * Returns the prefixes, for `shareCommonWork` to fill.
 */
export async function ensureSharedTables(
  storage: Storage,
  catalog: Catalog,
  source: PolicySource,
  policies: readonly { target: TableInfo; entry: UpdatePolicyEntry }[],
  now: Date,
): Promise<SharedPrefix[]> {
  const prefixes = sharedPrefixes(storage, catalog, source, policies, now);
  for (const shared of prefixes) await ensureShared(storage, shared).catch(() => undefined);
  return prefixes;
}

/**
 * Whether every policy reads the source's new rows only through the shared prefixes, each of which reads them at a
 * single `FROM <temp>`: the rows can then be read from elsewhere (`shareCommonWork`'s `from`) without being staged.
 */
export function onlyPrefixesRead(
  sharing: readonly SharedPrefix[],
  policies: readonly { entry: UpdatePolicyEntry }[],
  temp: string,
): boolean {
  const shared = new Set(sharing.flatMap((s) => s.members.map((m) => m.entry)));
  return (
    policies.every((p) => shared.has(p.entry)) &&
    sharing.every((s) => s.prefix.split(temp).length === 2 && s.prefix.includes(`FROM ${temp}`))
  );
}

/**
 * Materialises the CTEs that several policies of this source share (see the module comment) and returns, per policy
 * entry, its SQL rewritten to read them. Policies that do not compile are left out: they fail on their own later.
 * `planned`: the prefixes `ensureSharedTables` returned for the same source and policies, if it ran. `from`: a query
 * of the new rows to read instead of the staged table (see `onlyPrefixesRead`); its text changes at every ingestion,
 * so the prefix is then run, not kept prepared.
 */
export async function shareCommonWork(
  run: PolicyRun,
  catalog: Catalog,
  source: StagedExtent,
  policies: readonly { target: TableInfo; entry: UpdatePolicyEntry }[],
  planned?: readonly SharedPrefix[],
  from?: string,
): Promise<Map<UpdatePolicyEntry, string>> {
  const out = new Map<UpdatePolicyEntry, string>();
  for (const shared of planned ?? sharedPrefixes(run.storage, catalog, source, policies, timeOf(run))) {
    const { name, prefix } = shared;
    try {
      await ensureShared(run.storage, shared);
      run.temps.push(name);
      if (from === undefined) await runPrepared(run.storage, prefixInsert(shared), []);
      else
        await runOnce(
          run.storage,
          `INSERT INTO ${tempRef(name)} ${prefix.split(`FROM ${source.temp}`).join(`FROM ${from}`)}`,
          [],
        );
    } catch (error) {
      // Inside a transaction the error aborted it: the caller falls back to the staged path.
      if (run.direct) throw error;
      // Each policy then runs its full query and reports its own error.
      continue;
    }
    for (const [entry, sql] of rewritesOf(shared)) out.set(entry, sql);
  }
  return out;
}
