import type { z } from "zod";

/** One rejected field: its path (`MaximumNumberOfItems`, `[0].Query`) and a message naming the limit. */
export interface PolicyFieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * A policy value that ADX would refuse (or that cannot be read): thrown by the policy parse functions and the
 * policy command builders. `field` and `message` describe the first problem; `issues` lists all of them, so a route
 * handler can answer with field errors.
 */
export class PolicyError extends Error {
  /** The field at fault, e.g. `MaximumBatchingTimeSpan`; the policy name when the whole value is wrong. */
  readonly field: string;
  /** Every problem found, first one equal to `field` / `message`. */
  readonly issues: readonly PolicyFieldError[];

  constructor(field: string, message: string, options?: { cause?: unknown; issues?: readonly PolicyFieldError[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PolicyError";
    this.field = field;
    this.issues = options?.issues?.length ? options.issues : [{ field, message }];
  }
}

/** Field path of a zod issue as we print it: `A.B`, `[0].Query`; `whole` when the issue is about the root. */
export function fieldOfPath(path: readonly PropertyKey[], whole: string): string {
  if (path.length === 0) return whole;
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("")
    .replace(/^\./, "");
}

/** Converts a zod error into a `PolicyError` whose field and message come from the first issue. */
export function policyErrorFromZod(error: z.ZodError, whole: string): PolicyError {
  const issues = error.issues.map((issue) => ({ field: fieldOfPath(issue.path, whole), message: issue.message }));
  const first = issues[0] ?? { field: whole, message: `${whole} is not valid` };
  return new PolicyError(first.field, first.message, { cause: error, issues });
}

/** Validates `input` with `schema`, throwing `PolicyError` (named after `whole`) instead of a zod error. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, whole: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw policyErrorFromZod(result.error, whole);
  return result.data;
}

/**
 * Parses the `Policy` column text of a `.show … policy …` row. `null`, empty text and the string `null` (no policy at
 * that level) give `null`; anything else must be JSON.
 */
export function parsePolicyJsonText(text: string | null | undefined, whole: string): unknown {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "null") return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch (cause) {
    throw new PolicyError(whole, `${whole} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}
