import { formatTimespan, parseTimespan, TICKS_PER_SECOND } from "@/kql/policies/timespan";
import { asObject, invalidPolicy, parsePolicyJson, prop, rejectUnknown } from "./json";

/** A stored ingestion batching policy (all three fields, ADX's key order). */
export interface BatchingPolicy {
  readonly MaximumBatchingTimeSpan: string;
  readonly MaximumNumberOfItems: number;
  readonly MaximumRawDataSizeMB: number;
}

const NAME = "IngestionBatchingPolicy";

/** ADX's built-in defaults (2024+): 5 minutes, 500 items, 1024 MB. */
export const DEFAULT_BATCHING: BatchingPolicy = {
  MaximumBatchingTimeSpan: "00:05:00",
  MaximumNumberOfItems: 500,
  MaximumRawDataSizeMB: 1024,
};

const MIN_TICKS = 10n * TICKS_PER_SECOND;
const MAX_TICKS = 1800n * TICKS_PER_SECOND;

/**
 * Parses batching JSON and merges it over `base` (defaults for `.alter`, the current policy for `.alter-merge`),
 * checking ADX's limits: time 10 s..30 min, items 1..25,000, size 100..4,096 MB.
 */
export function batchingFromJson(text: string, base: BatchingPolicy): BatchingPolicy {
  const obj = asObject(parsePolicyJson(text, NAME), NAME);
  rejectUnknown(obj, ["MaximumBatchingTimeSpan", "MaximumNumberOfItems", "MaximumRawDataSizeMB"], NAME);
  const time = prop(obj, "MaximumBatchingTimeSpan");
  const items = prop(obj, "MaximumNumberOfItems");
  const size = prop(obj, "MaximumRawDataSizeMB");
  let span = base.MaximumBatchingTimeSpan;
  if (time !== undefined && time !== null) {
    const ticks = typeof time === "string" ? parseTimespan(time) : null;
    if (ticks === null) throw invalidPolicy(NAME, `MaximumBatchingTimeSpan '${String(time)}' is not a timespan`);
    if (ticks < MIN_TICKS || ticks > MAX_TICKS) {
      throw invalidPolicy(
        NAME,
        `MaximumBatchingTimeSpan must be between 00:00:10 and 00:30:00, got ${formatTimespan(ticks)}`,
      );
    }
    span = formatTimespan(ticks);
  }
  return {
    MaximumBatchingTimeSpan: span,
    MaximumNumberOfItems: intWithin(items, "MaximumNumberOfItems", 1, 25_000, base.MaximumNumberOfItems),
    MaximumRawDataSizeMB: intWithin(size, "MaximumRawDataSizeMB", 100, 4096, base.MaximumRawDataSizeMB),
  };
}

function intWithin(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n))
    throw invalidPolicy(NAME, `${field} must be an integer, got ${JSON.stringify(value)}`);
  if (n < min || n > max) {
    throw invalidPolicy(NAME, `${field} must be between ${min} and ${max}, got ${n}`);
  }
  return n;
}
