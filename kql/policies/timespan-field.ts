import { z } from "zod";
import { describeTimespan, formatTimespan, parseTimespan } from "./timespan";

/** A bound as shown in messages: `00:00:10 (10 seconds)`. */
export function describeTimespanBound(ticks: bigint): string {
  return `${formatTimespan(ticks)} (${describeTimespan(ticks)})`;
}

/** Options of {@link timespanFieldSchema}. */
export interface TimespanFieldOptions {
  /** Field name used in messages, e.g. `MaximumBatchingTimeSpan`. */
  readonly field: string;
  /** Smallest allowed value in ticks (inclusive). */
  readonly min: bigint;
  /** Largest allowed value in ticks (inclusive). */
  readonly max: bigint;
  /** Examples shown when the text is not a timespan, e.g. `00:00:30 or 30s`. */
  readonly examples: string;
  /** How the validated value is written back: ADX canonical text (default) or any other form. */
  readonly format?: (ticks: bigint) => string;
}

/**
 * A zod schema for a timespan typed as text: parses it with `parseTimespan`, checks it against `[min, max]` with
 * messages that name the field and the limit, and outputs it normalised (ADX canonical `00:00:30` by default).
 */
export function timespanFieldSchema(options: TimespanFieldOptions) {
  const { field, min, max, examples } = options;
  const format = options.format ?? formatTimespan;
  const range = `between ${describeTimespanBound(min)} and ${describeTimespanBound(max)}`;
  return z.string({ error: `${field} must be a timespan such as ${examples}, ${range}` }).transform((text, ctx) => {
    const ticks = parseTimespan(text);
    if (ticks === null) {
      ctx.addIssue({
        code: "custom",
        message: `${field} must be a timespan such as ${examples}, ${range}; got "${text}"`,
      });
      return z.NEVER;
    }
    if (ticks < min) {
      ctx.addIssue({
        code: "custom",
        message: `${field} must be at least ${describeTimespanBound(min)}; got ${formatTimespan(ticks)}`,
      });
      return z.NEVER;
    }
    if (ticks > max) {
      ctx.addIssue({
        code: "custom",
        message: `${field} must be at most ${describeTimespanBound(max)}; got ${formatTimespan(ticks)}`,
      });
      return z.NEVER;
    }
    return format(ticks);
  });
}
