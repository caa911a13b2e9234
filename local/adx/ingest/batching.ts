/** The effective ingestion batching policy of a table, as numbers the batcher compares against. */
import { parseTimespan } from "@/kql/policies/timespan";
import { effectivePolicy } from "../commands/effective-policies";
import { type BatchingPolicy, DEFAULT_BATCHING } from "../policies/batching";
import type { Catalog } from "../storage/catalog";

/** Limits of one batch: time since its first item, item count, raw (uncompressed) bytes. */
export interface BatchLimits {
  readonly maxDelayMs: number;
  readonly maxItems: number;
  readonly maxRawBytes: number;
}

/** Table policy, else database policy, else ADX's defaults (5 min, 500 items, 1024 MB). */
export function effectiveBatchLimits(catalog: Catalog, table: string): BatchLimits {
  const text = effectivePolicy(catalog, table, "ingestionbatching");
  const policy: BatchingPolicy = text
    ? { ...DEFAULT_BATCHING, ...(JSON.parse(text) as Partial<BatchingPolicy>) }
    : DEFAULT_BATCHING;
  const ticks =
    parseTimespan(policy.MaximumBatchingTimeSpan) ?? parseTimespan(DEFAULT_BATCHING.MaximumBatchingTimeSpan)!;
  return {
    maxDelayMs: Number(ticks / 10_000n),
    maxItems: policy.MaximumNumberOfItems,
    maxRawBytes: policy.MaximumRawDataSizeMB * 1024 * 1024,
  };
}
