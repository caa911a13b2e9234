/** Compares a target table's update policy in the cluster with the entry the console generates. */
import type { CatalogTable } from "@/kql/catalog";
import { filterFunctionName } from "@/kql/catalog";
import type { UpdatePolicyEntry } from "@/kql/policies/update";
import type { ClusterState } from "@/kql/state";

import type { PartState } from "./types";

/** How the table's update policy compares with the generated entry. */
export interface UpdatePolicyComparison {
  readonly state: PartState;
  /** Sentences saying what is missing or differs; empty when `ok`. */
  readonly reasons: readonly string[];
  /** Every entry of the table's policy, as read. */
  readonly entries: readonly UpdatePolicyEntry[];
  /** Entries reading the Staging table and calling `Filter<Table>()`. */
  readonly matching: readonly UpdatePolicyEntry[];
  /** Entries reading Staging with another query: they would run beside the generated one. */
  readonly otherStagingEntries: readonly UpdatePolicyEntry[];
  /** Entries reading other sources: none of the console's business, kept as they are. */
  readonly foreignEntries: readonly UpdatePolicyEntry[];
}

/**
 * A query in comparable form: whitespace removed and bracketed names unquoted, so `['FilterX']( )` and `FilterX()`
 * compare equal. A trailing `()` is optional: ADX validated the query when the policy was written, and a function
 * without parameters may be called either way.
 */
export function normalizePolicyQuery(query: string): string {
  const compact = query
    .replace(/\s+/g, "")
    .replace(/\[(['"])((?:\\.|(?!\1).)*)\1\]/g, (_m, _q: string, name: string) => name.replace(/\\(.)/g, "$1"));
  return compact.endsWith("()") ? compact.slice(0, -2) : compact;
}

/**
 * Compares the table's update policy with the generated entry: one enabled, transactional entry with
 * `Source` = the Staging table and `Query` = `Filter<Table>()`. Transactional matters because Staging keeps nothing
 * (soft-delete 0): ADX requires it then, and a non-transactional failure would silently drop the rows.
 */
export function compareUpdatePolicy(
  table: CatalogTable,
  state: ClusterState,
  options: { readonly stagingTable: string },
): UpdatePolicyComparison {
  const fn = filterFunctionName(table.name);
  const entries = state.updatePolicies[table.name] ?? [];
  const fromStaging = entries.filter((e) => e.Source === options.stagingTable && !e.SourceIsWildCard);
  const matching = fromStaging.filter((e) => normalizePolicyQuery(e.Query) === fn);
  const otherStagingEntries = fromStaging.filter((e) => !matching.includes(e));
  const foreignEntries = entries.filter((e) => !fromStaging.includes(e));
  const base = { entries, matching, otherStagingEntries, foreignEntries };

  if (entries.length === 0) {
    return { ...base, state: "missing", reasons: [`Table ${table.name} has no update policy`] };
  }
  const reasons: string[] = [];
  const ours = `reading ${options.stagingTable} with ${fn}()`;
  if (matching.length === 0) {
    const has = entries.map((e) => `${e.Source} with ${e.Query}`).join("; ");
    reasons.push(`The update policy of ${table.name} has no entry ${ours} (it has: ${has})`);
  }
  if (matching.length > 1) {
    reasons.push(
      `The update policy of ${table.name} has ${matching.length} entries ${ours}, so every event would be stored ${matching.length} times`,
    );
  }
  if (matching.some((e) => !e.IsEnabled)) {
    reasons.push(`The update policy entry ${ours} is disabled, so no events reach ${table.name}`);
  }
  if (matching.some((e) => e.IsEnabled && !e.IsTransactional)) {
    reasons.push(
      `The update policy entry ${ours} is not transactional: ${options.stagingTable} keeps nothing, so ADX requires ` +
        `it, and a failed run would lose the events`,
    );
  }
  if (matching.length > 0 && otherStagingEntries.length > 0) {
    const queries = otherStagingEntries.map((e) => e.Query).join(", ");
    reasons.push(
      `The update policy of ${table.name} also reads ${options.stagingTable} with ${queries}, which runs beside ` +
        `${fn}() and can store events twice`,
    );
  }
  return { ...base, state: reasons.length ? "drifted" : "ok", reasons };
}
