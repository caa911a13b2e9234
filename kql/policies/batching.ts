/**
 * The ingestion batching policy (queued ingestion only): a batch is sealed when the first of time, item count or raw
 * size is reached. Limits and defaults are ADX's current ones (docs, Jan 2024 onwards).
 */
import { z } from "zod";
import { parseOrThrow, parsePolicyJsonText, PolicyError } from "./errors";
import { describeCount, intFieldSchema } from "./int-field";
import { formatTimespan, TICKS_PER_SECOND } from "./timespan";
import { describeTimespanBound, timespanFieldSchema } from "./timespan-field";

/** One field's limits for forms and messages: numbers in `unit`, plus ready-made labels. */
export interface BatchingFieldLimit {
  /** Smallest allowed value, in `unit`. */
  readonly min: number;
  /** Largest allowed value, in `unit`. */
  readonly max: number;
  /** ADX's default when neither the table nor the database sets the field, in `unit`. */
  readonly default: number;
  /** Unit of `min` / `max` / `default`: `seconds`, `items` or `MB`. */
  readonly unit: string;
  /** `min` as shown to users, e.g. `00:00:10 (10 seconds)`, `100 MB`. */
  readonly minLabel: string;
  /** `max` as shown to users, e.g. `00:30:00 (30 minutes)`, `25,000 items`. */
  readonly maxLabel: string;
  /** `default` as shown to users, e.g. `00:05:00 (5 minutes)`, `500 items`. */
  readonly defaultLabel: string;
  /** What the field means, in one line. */
  readonly meaning: string;
}

const seconds = (s: number): bigint => BigInt(s) * TICKS_PER_SECOND;
const ITEM_WORDS = ["item", "items"] as const;
const MB_WORDS = ["MB", "MB"] as const;

/** ADX's limits and defaults for each ingestion batching field (`adx-reference.md` §3.3). */
export const BATCHING_LIMITS = {
  MaximumBatchingTimeSpan: {
    min: 10,
    max: 1800,
    default: 300,
    unit: "seconds",
    minLabel: describeTimespanBound(seconds(10)),
    maxLabel: describeTimespanBound(seconds(1800)),
    defaultLabel: describeTimespanBound(seconds(300)),
    meaning: "Longest time data waits in a batch before it is ingested (lower = fresher data, more small batches).",
  },
  MaximumNumberOfItems: {
    min: 1,
    max: 25_000,
    default: 500,
    unit: "items",
    minLabel: describeCount(1, ITEM_WORDS),
    maxLabel: describeCount(25_000, ITEM_WORDS),
    defaultLabel: describeCount(500, ITEM_WORDS),
    meaning: "Number of blobs or messages after which a batch is sealed and ingested.",
  },
  MaximumRawDataSizeMB: {
    min: 100,
    max: 4096,
    default: 1024,
    unit: "MB",
    minLabel: describeCount(100, MB_WORDS),
    maxLabel: describeCount(4096, MB_WORDS),
    defaultLabel: describeCount(1024, MB_WORDS),
    meaning: "Uncompressed data size after which a batch is sealed and ingested.",
  },
} as const satisfies Record<string, BatchingFieldLimit>;

/** The three batching fields, in the order ADX writes them. */
export const BATCHING_FIELDS = ["MaximumBatchingTimeSpan", "MaximumNumberOfItems", "MaximumRawDataSizeMB"] as const;

/** Name of a batching field. */
export type BatchingField = (typeof BATCHING_FIELDS)[number];

const POLICY_NAME = "IngestionBatchingPolicy";

/**
 * An ingestion batching policy with all three fields, each within ADX's limits. `MaximumBatchingTimeSpan` accepts
 * any timespan text (`30s`, `00:00:30`) and comes out in ADX's canonical form (`00:00:30`). Unknown keys are dropped.
 */
export const ingestionBatchingPolicySchema = z.object(
  {
    MaximumBatchingTimeSpan: timespanFieldSchema({
      field: "MaximumBatchingTimeSpan",
      min: seconds(BATCHING_LIMITS.MaximumBatchingTimeSpan.min),
      max: seconds(BATCHING_LIMITS.MaximumBatchingTimeSpan.max),
      examples: "00:00:30 or 30s",
    }),
    MaximumNumberOfItems: intFieldSchema("MaximumNumberOfItems", {
      ...BATCHING_LIMITS.MaximumNumberOfItems,
      unitWords: ITEM_WORDS,
    }),
    MaximumRawDataSizeMB: intFieldSchema("MaximumRawDataSizeMB", {
      ...BATCHING_LIMITS.MaximumRawDataSizeMB,
      unitWords: MB_WORDS,
    }),
  },
  { error: `${POLICY_NAME} must be an object with ${BATCHING_FIELDS.join(", ")}` },
);

/** A validated ingestion batching policy (time in canonical `hh:mm:ss` form). */
export type IngestionBatchingPolicy = z.output<typeof ingestionBatchingPolicySchema>;

/** What callers may pass before validation (the time may be any timespan text). */
export type IngestionBatchingPolicyInput = z.input<typeof ingestionBatchingPolicySchema>;

/** ADX's built-in policy, used when neither the table nor the database has one. */
export const DEFAULT_BATCHING_POLICY: IngestionBatchingPolicy = Object.freeze({
  MaximumBatchingTimeSpan: formatTimespan(seconds(BATCHING_LIMITS.MaximumBatchingTimeSpan.default)),
  MaximumNumberOfItems: BATCHING_LIMITS.MaximumNumberOfItems.default,
  MaximumRawDataSizeMB: BATCHING_LIMITS.MaximumRawDataSizeMB.default,
});

/**
 * Validates a batching policy and normalises it, throwing `PolicyError` naming the first bad field and its limit.
 */
export function validateIngestionBatchingPolicy(input: unknown): IngestionBatchingPolicy {
  return parseOrThrow(ingestionBatchingPolicySchema, input, POLICY_NAME);
}

/**
 * Parses the `Policy` column of `.show table|database … policy ingestionbatching` (compact or indented JSON).
 * `null` / `"null"` (no policy at that level) gives `null`. Like ADX, missing fields take the defaults, property
 * names match case-insensitively and unknown properties are ignored.
 * @throws PolicyError on invalid JSON, a non-object, or a value outside ADX's limits.
 */
export function parseIngestionBatchingPolicyJson(text: string | null): IngestionBatchingPolicy | null {
  const json = parsePolicyJsonText(text, POLICY_NAME);
  if (json === null) return null;
  if (typeof json !== "object" || Array.isArray(json)) {
    throw new PolicyError(POLICY_NAME, `${POLICY_NAME} must be a JSON object, got ${JSON.stringify(json)}`);
  }
  const byLowerName = new Map(Object.entries(json).map(([k, v]) => [k.toLowerCase(), v] as const));
  const filled: Record<string, unknown> = {};
  for (const field of BATCHING_FIELDS) {
    const value = byLowerName.get(field.toLowerCase());
    filled[field] = value === undefined || value === null ? DEFAULT_BATCHING_POLICY[field] : value;
  }
  return validateIngestionBatchingPolicy(filled);
}

/**
 * Serializes a policy as compact JSON with the three keys in ADX's order, ready for `@'…'` in a command:
 * `{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}`.
 * @throws PolicyError when a value is outside ADX's limits.
 */
export function serializeIngestionBatchingPolicy(policy: IngestionBatchingPolicyInput): string {
  const valid = validateIngestionBatchingPolicy(policy);
  return JSON.stringify({
    MaximumBatchingTimeSpan: valid.MaximumBatchingTimeSpan,
    MaximumNumberOfItems: valid.MaximumNumberOfItems,
    MaximumRawDataSizeMB: valid.MaximumRawDataSizeMB,
  });
}

/** Where an effective policy comes from. */
export type PolicySource = "table" | "database" | "default";

/** The policy in force for a table and the level that set it. */
export interface EffectiveBatchingPolicy {
  readonly policy: IngestionBatchingPolicy;
  readonly source: PolicySource;
}

/**
 * The batching policy ADX applies to a table: its own, else its database's, else the built-in defaults.
 * Pass the parsed `Policy` of `.show table T policy ingestionbatching` and `.show database D policy ingestionbatching`.
 */
export function effectiveBatchingPolicy(levels: {
  table: IngestionBatchingPolicy | null | undefined;
  database: IngestionBatchingPolicy | null | undefined;
}): EffectiveBatchingPolicy {
  if (levels.table) return { policy: levels.table, source: "table" };
  if (levels.database) return { policy: levels.database, source: "database" };
  return { policy: DEFAULT_BATCHING_POLICY, source: "default" };
}
