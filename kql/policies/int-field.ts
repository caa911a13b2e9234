import { z } from "zod";

/** Limits of an integer policy field, in the field's own unit. */
export interface IntFieldLimit {
  readonly min: number;
  readonly max: number;
  /** Unit word used after numbers in messages, singular and plural: `["item", "items"]`, `["MB", "MB"]`. */
  readonly unitWords: readonly [string, string];
}

/** `25,000 items`, `1 item`, `4,096 MB`. */
export function describeCount(value: number, unitWords: readonly [string, string]): string {
  return `${value.toLocaleString("en-US")} ${value === 1 ? unitWords[0] : unitWords[1]}`;
}

/**
 * A zod schema for a whole-number policy field within `[min, max]`; every message names the field and the limit
 * (`MaximumNumberOfItems must be at most 25,000 items`).
 */
export function intFieldSchema(field: string, limit: IntFieldLimit) {
  const { min, max, unitWords } = limit;
  const range = `between ${describeCount(min, unitWords)} and ${describeCount(max, unitWords)}`;
  return z
    .number({ error: `${field} must be a number ${range}` })
    .int({ error: `${field} must be a whole number ${range}` })
    .min(min, { error: `${field} must be at least ${describeCount(min, unitWords)}` })
    .max(max, { error: `${field} must be at most ${describeCount(max, unitWords)}` });
}
