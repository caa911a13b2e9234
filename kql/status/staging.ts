/** The Staging prerequisites: table with `Raw: dynamic`, a JSON mapping of `$` to Raw, zero retention, batching. */
import { STAGING_RAW_COLUMN } from "@/kql/generate/staging";
import type { IngestionBatchingPolicy, PolicySource } from "@/kql/policies/batching";
import { DEFAULT_BATCHING_POLICY } from "@/kql/policies/batching";
import type { RetentionPolicy } from "@/kql/policies/retention";
import { DEFAULT_RETENTION_POLICY } from "@/kql/policies/retention";
import { describeTimespan, parseTimespan } from "@/kql/policies/timespan";
import { normalizeColumnType, type ClusterState } from "@/kql/state";

import { resolveStatusOptions, type StatusOptions } from "./options";

/** One prerequisite: met or not, and a sentence saying why. */
export interface StagingPrerequisite {
  readonly ok: boolean;
  readonly detail: string;
}

/** Overall Staging status: nothing there (no table), some prerequisites unmet, or all met. */
export type StagingStatusKind = "not-set-up" | "partial" | "ready";

/** The Staging card: each prerequisite and the overall status. */
export interface StagingStatus {
  /** The Staging table's name. */
  readonly table: string;
  /** The mapping's name. */
  readonly mappingName: string;
  readonly status: StagingStatusKind;
  readonly prerequisites: {
    readonly table: StagingPrerequisite;
    readonly mapping: StagingPrerequisite;
    readonly retention: StagingPrerequisite;
    readonly batching: StagingPrerequisite;
  };
  /** The details of the unmet prerequisites, in order. */
  readonly reasons: readonly string[];
  /** Problems the console will not fix because that would lose data (e.g. `Raw` has another type). */
  readonly blocked: readonly string[];
  /** The batching policy in force, and the level that set it; `null` when ADX's defaults apply. */
  readonly batching: { readonly policy: IngestionBatchingPolicy; readonly source: PolicySource | "effective" } | null;
}

/** @internal The facts about Staging that both status and plan need. */
export interface StagingFacts {
  readonly table: string;
  readonly mappingName: string;
  readonly tableExists: boolean;
  /** Canonical type of `Raw`, `null` when the column (or table) is missing. */
  readonly rawType: string | null;
  readonly prerequisites: StagingStatus["prerequisites"];
  readonly blocked: readonly string[];
  readonly batching: StagingStatus["batching"];
}

type MappingCheck = { ok: true } | { ok: false; detail: string };

const lowerKeys = (value: unknown): Map<string, unknown> =>
  new Map(
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.entries(value).map(([k, v]) => [k.toLowerCase(), v] as const)
      : [],
  );

/**
 * True when a mapping element sends the whole document to Raw. Accepts the documented form
 * `{"column":"Raw","Properties":{"Path":"$"}}` and the seed article's `{"column":"Raw","path":"$",…}`; keys match
 * case-insensitively because ADX has stored mappings in both spellings over the years.
 */
function mapsWholeDocumentToRaw(element: unknown): boolean {
  const keys = lowerKeys(element);
  const column = keys.get("column") ?? keys.get("name");
  if (column !== STAGING_RAW_COLUMN) return false;
  const path = lowerKeys(keys.get("properties")).get("path") ?? keys.get("path");
  return typeof path === "string" && path.trim() === "$";
}

function checkMapping(state: ClusterState, table: string, mappingName: string): MappingCheck {
  const mapping = state.stagingMappings.find((m) => m.name === mappingName);
  if (!mapping) {
    const others = state.stagingMappings.map((m) => m.name);
    const has = others.length
      ? ` (${table} has ${others.join(", ")}, but the data connection references ${mappingName})`
      : "";
    return { ok: false, detail: `Mapping ${mappingName} is missing${has}` };
  }
  if (mapping.kind.toLowerCase() !== "json") {
    return {
      ok: false,
      detail: `Mapping ${mappingName} is a ${mapping.kind} mapping; Event Hub messages need a JSON mapping`,
    };
  }
  let elements: unknown;
  try {
    elements = JSON.parse(mapping.mapping);
  } catch {
    return { ok: false, detail: `Mapping ${mappingName} is not valid JSON` };
  }
  if (!Array.isArray(elements) || !elements.some(mapsWholeDocumentToRaw)) {
    return { ok: false, detail: `Mapping ${mappingName} does not map the whole message ($) to the Raw column` };
  }
  return { ok: true };
}

function describeRetention(policy: RetentionPolicy): string {
  const period = describeTimespan(parseTimespan(policy.SoftDeletePeriod) ?? 0n);
  return policy === DEFAULT_RETENTION_POLICY ? `${period} (ADX's default)` : period;
}

function checkRetention(state: ClusterState, table: string): StagingPrerequisite {
  const own = state.staging?.ownRetention;
  const policy = own ?? state.tables[table]?.effectiveRetention ?? DEFAULT_RETENTION_POLICY;
  if (parseTimespan(policy.SoftDeletePeriod) === 0n) {
    return { ok: true, detail: `${table} keeps nothing (soft-delete 0): raw messages are not stored twice` };
  }
  return {
    ok: false,
    detail: `${table} keeps raw messages for ${describeRetention(policy)}; soft-delete must be 0 so they are not stored twice`,
  };
}

function effectiveStagingBatching(state: ClusterState, table: string): StagingStatus["batching"] {
  const own = state.staging?.ownBatching;
  if (own) return { policy: own, source: "table" };
  // `.show tables details` cannot tell the table's own policy from the database's; say "effective" then.
  const effective = state.tables[table]?.effectiveBatching;
  if (effective) return { policy: effective, source: own === null ? "database" : "effective" };
  const database = state.staging?.databaseBatching;
  if (database) return { policy: database, source: "database" };
  return null;
}

function checkBatching(batching: StagingStatus["batching"], table: string): StagingPrerequisite {
  if (!batching) {
    const d = DEFAULT_BATCHING_POLICY;
    return {
      ok: false,
      detail:
        `${table} has no ingestion batching policy, so ADX's defaults apply (${d.MaximumBatchingTimeSpan}, ` +
        `${d.MaximumNumberOfItems} items, ${d.MaximumRawDataSizeMB} MB) and events can take ` +
        `${describeTimespan(parseTimespan(d.MaximumBatchingTimeSpan) ?? 0n)} to appear`,
    };
  }
  const p = batching.policy;
  const from = {
    table: "its own policy",
    database: "the database policy",
    effective: "the effective policy",
    default: "ADX's defaults",
  }[batching.source];
  return {
    ok: true,
    detail: `Batches are sealed after ${p.MaximumBatchingTimeSpan}, ${p.MaximumNumberOfItems} items or ${p.MaximumRawDataSizeMB} MB (${from})`,
  };
}

/** @internal Everything known about Staging. */
export function stagingFacts(state: ClusterState, options: StatusOptions = {}): StagingFacts {
  const { stagingTable: table, mappingName } = resolveStatusOptions(options);
  const cluster = state.tables[table];
  const raw = cluster?.columns.find((c) => c.name === STAGING_RAW_COLUMN);
  const rawType = raw ? normalizeColumnType(raw.type) : null;
  const blocked: string[] = [];
  let tableCheck: StagingPrerequisite;
  if (!cluster) tableCheck = { ok: false, detail: `Table ${table} is missing` };
  else if (rawType === null) tableCheck = { ok: false, detail: `Table ${table} has no Raw column` };
  else if (rawType !== "dynamic") {
    tableCheck = { ok: false, detail: `Column Raw of ${table} has type ${rawType} but must be dynamic` };
    blocked.push(
      `Column Raw of ${table} has type ${rawType} but must be dynamic; the console never changes a column's type ` +
        `(that would drop its data). Change or recreate the column yourself, then plan again`,
    );
  } else tableCheck = { ok: true, detail: `Table ${table} exists with Raw: dynamic` };

  const mapping = cluster
    ? checkMapping(state, table, mappingName)
    : { ok: false as const, detail: `Mapping ${mappingName} is missing` };
  const batching = cluster ? effectiveStagingBatching(state, table) : null;
  return {
    table,
    mappingName,
    tableExists: cluster !== undefined,
    rawType,
    prerequisites: {
      table: tableCheck,
      mapping: mapping.ok ? { ok: true, detail: `Mapping ${mappingName} maps the whole message ($) to Raw` } : mapping,
      retention: cluster
        ? checkRetention(state, table)
        : { ok: false, detail: `Table ${table} is missing, so nothing sets its retention to soft-delete 0` },
      batching: cluster
        ? checkBatching(batching, table)
        : { ok: false, detail: `Table ${table} is missing, so it has no ingestion batching policy` },
    },
    blocked,
    batching,
  };
}

/**
 * The Staging prerequisites — table with `Raw: dynamic`, JSON mapping of `$` to Raw, effective soft-delete 0,
 * a batching policy set (table or database level, not ADX's defaults) — each with a sentence, and the overall status:
 * `not-set-up` when the table is missing, `ready` when all are met, `partial` otherwise.
 */
export function deriveStagingStatus(state: ClusterState, options: StatusOptions = {}): StagingStatus {
  const facts = stagingFacts(state, options);
  const all = Object.values(facts.prerequisites);
  const status: StagingStatusKind = !facts.tableExists ? "not-set-up" : all.every((p) => p.ok) ? "ready" : "partial";
  return {
    table: facts.table,
    mappingName: facts.mappingName,
    status,
    prerequisites: facts.prerequisites,
    reasons: all.filter((p) => !p.ok).map((p) => p.detail),
    blocked: facts.blocked,
    batching: facts.batching,
  };
}
