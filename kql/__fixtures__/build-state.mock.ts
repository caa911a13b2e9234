/**
 * Test helpers: the recorded cluster states in this folder, and `buildState()` to derive variations from them.
 * Fixtures are `ClusterState` JSON as `lib/server` builds it from the documented `.show` results (function bodies
 * with their braces, mapping text as stored, effective policies parsed), read at 2026-03-02 10:00 UTC.
 */
import { filterFunctionName, getTable } from "@/kql/catalog";
import { buildFilterFunctionDefinition } from "@/kql/generate/function";
import { parseUpdatePolicyJson, type UpdatePolicyEntry } from "@/kql/policies/update";
import { buildUpdatePolicyJson } from "@/kql/generate/update-policy";
import {
  parseClusterState,
  type ClusterState,
  type StateFunction,
  type StateTable,
  type TableActivity,
  type TableFailures,
} from "@/kql/state";

import driftedFunction from "./drifted-function.json";
import driftedSchema from "./drifted-schema.json";
import driftedUpdatePolicy from "./drifted-update-policy.json";
import failing from "./failing.json";
import fresh from "./fresh.json";
import healthy from "./healthy.json";
import partialFunctionOnly from "./partial-function-only.json";
import stagingOnly from "./staging-only.json";
import stale from "./stale.json";

/** The recorded states by name. */
export const FIXTURES = {
  fresh,
  "staging-only": stagingOnly,
  "partial-function-only": partialFunctionOnly,
  "drifted-function": driftedFunction,
  "drifted-schema": driftedSchema,
  "drifted-update-policy": driftedUpdatePolicy,
  healthy,
  stale,
  failing,
} as const;

/** Name of a recorded state. */
export type FixtureName = keyof typeof FIXTURES;

/** The catalog tables the fixtures set up. */
export const FIXTURE_TABLES = ["AlertInfo", "EmailUrlInfo", "UrlClickEvents"] as const;

/** The `readAt` of every fixture. */
export const FIXTURE_READ_AT = "2026-03-02T10:00:00.0000000Z";

/** A fresh, validated, mutable copy of a recorded state. */
export function loadFixture(name: FixtureName): ClusterState {
  return parseClusterState(structuredClone(FIXTURES[name]));
}

/** The function, table and update policy the console generates for a table, as the cluster would report them. */
export function generatedParts(
  tableName: string,
  stagingTable = "Staging",
): { fn: StateFunction; table: StateTable; policy: UpdatePolicyEntry[] } {
  const table = getTable(tableName);
  const fn = buildFilterFunctionDefinition(table, { stagingTable });
  return {
    fn: { ...fn },
    table: {
      name: table.name,
      folder: "",
      docString: "",
      columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
      totalRowCount: 0,
      effectiveRetention: null,
      effectiveBatching: null,
    },
    policy: parseUpdatePolicyJson(buildUpdatePolicyJson(table, { stagingTable })),
  };
}

/** Options of {@link buildState}. */
export interface BuildStateOptions {
  /** Recorded state to start from. Default `staging-only`. */
  readonly from?: FixtureName;
  /** Tables to set up fully (function, table, update policy), as the console generates them. */
  readonly configure?: readonly string[];
  /** Activity to set (merged over the fixture's), keyed by table. */
  readonly activity?: Readonly<Record<string, Partial<TableActivity>>>;
  /** Failures to set, keyed by table. */
  readonly failures?: Readonly<Record<string, TableFailures>>;
  /** Last word: any change the options above cannot express. */
  readonly edit?: (state: ClusterState) => void;
}

/** A variation of a recorded state. */
export function buildState(options: BuildStateOptions = {}): ClusterState {
  const state = loadFixture(options.from ?? "staging-only");
  for (const name of options.configure ?? []) {
    const parts = generatedParts(name);
    state.functions[filterFunctionName(name)] = parts.fn;
    state.tables[name] = parts.table;
    state.updatePolicies[name] = parts.policy;
  }
  for (const [name, activity] of Object.entries(options.activity ?? {})) {
    state.activity[name] = { rowsLastHour: 0, lastIngestion: null, ...state.activity[name], ...activity };
  }
  Object.assign(state.failures, options.failures ?? {});
  options.edit?.(state);
  return state;
}
