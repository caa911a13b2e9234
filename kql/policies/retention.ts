/**
 * The retention policy: how long ingested data stays queryable (`SoftDeletePeriod`) and whether data removed by
 * retention can be recovered for 14 days (`Recoverability`). Staging uses 0 so raw messages are never stored.
 */
import { z } from "zod";
import type { PolicySource } from "./batching";
import { parseOrThrow, parsePolicyJsonText, PolicyError } from "./errors";
import { formatKustoTimespanLiteral, formatTimespan, parseTimespan, TICKS_PER_DAY } from "./timespan";
import { describeTimespanBound, timespanFieldSchema } from "./timespan-field";

const POLICY_NAME = "RetentionPolicy";
const MAX_SOFT_DELETE_TICKS = 365_000n * TICKS_PER_DAY;
const EXAMPLES = "0s, 7d or 7.00:00:00";

/** ADX's limits and defaults for the retention policy (`adx-reference.md` §3.2). */
export const RETENTION_LIMITS = {
  SoftDeletePeriod: {
    /** Smallest period in ticks: 0 (tables only) means ingested data is never committed. */
    minTicks: 0n,
    /** Largest period in ticks: 365,000 days (about 1,000 years), also the default. */
    maxTicks: MAX_SOFT_DELETE_TICKS,
    minLabel: describeTimespanBound(0n),
    maxLabel: describeTimespanBound(MAX_SOFT_DELETE_TICKS),
    defaultLabel: describeTimespanBound(MAX_SOFT_DELETE_TICKS),
    meaning:
      "How long data stays queryable after ingestion; 0 keeps nothing (only for a table feeding transactional update policies).",
  },
  Recoverability: {
    default: "Enabled",
    meaning: "Whether data removed by retention can be recovered for 14 days; must be Disabled when the period is 0.",
  },
} as const;

/** Why a zero period needs recoverability disabled, as shown to users. */
export const ZERO_RETENTION_NEEDS_DISABLED =
  "Recoverability must be Disabled when SoftDeletePeriod is 0 (00:00:00): data in a zero-retention table is never " +
  "stored, so ADX requires recoverability = disabled";

const isZero = (timespan: string): boolean => parseTimespan(timespan) === 0n;

/**
 * A retention policy as ADX stores it: `SoftDeletePeriod` between 0 and 365,000 days (output in canonical form,
 * `00:00:00`, `365000.00:00:00`), `Recoverability` `Enabled` or `Disabled`, and `Disabled` when the period is 0.
 */
export const retentionPolicySchema = z
  .object(
    {
      SoftDeletePeriod: timespanFieldSchema({
        field: "SoftDeletePeriod",
        min: 0n,
        max: MAX_SOFT_DELETE_TICKS,
        examples: EXAMPLES,
      }),
      Recoverability: z.enum(["Enabled", "Disabled"], { error: 'Recoverability must be "Enabled" or "Disabled"' }),
    },
    { error: `${POLICY_NAME} must be an object with SoftDeletePeriod and Recoverability` },
  )
  .superRefine((policy, ctx) => {
    if (isZero(policy.SoftDeletePeriod) && policy.Recoverability === "Enabled") {
      ctx.addIssue({ code: "custom", path: ["Recoverability"], message: ZERO_RETENTION_NEEDS_DISABLED });
    }
  });

/** A validated retention policy. */
export type RetentionPolicy = z.output<typeof retentionPolicySchema>;

/** A retention policy before validation (the period may be any timespan text). */
export type RetentionPolicyInput = z.input<typeof retentionPolicySchema>;

/** ADX's behaviour when neither the table nor the database has a retention policy (what `"{}"` writes). */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = Object.freeze({
  SoftDeletePeriod: formatTimespan(MAX_SOFT_DELETE_TICKS),
  Recoverability: "Enabled",
});

/** Validates and normalises a retention policy, throwing `PolicyError` naming the first bad field. */
export function validateRetentionPolicy(input: unknown): RetentionPolicy {
  return parseOrThrow(retentionPolicySchema, input, POLICY_NAME);
}

/**
 * Parses the `Policy` column of `.show table|database … policy retention`. `null` / `"null"` gives `null`.
 * Missing fields take ADX's defaults; property names and the `Recoverability` value match case-insensitively;
 * unknown properties are ignored.
 * @throws PolicyError on invalid JSON or values.
 */
export function parseRetentionPolicyJson(text: string | null): RetentionPolicy | null {
  const json = parsePolicyJsonText(text, POLICY_NAME);
  if (json === null) return null;
  if (typeof json !== "object" || Array.isArray(json)) {
    throw new PolicyError(POLICY_NAME, `${POLICY_NAME} must be a JSON object, got ${JSON.stringify(json)}`);
  }
  const byLowerName = new Map(Object.entries(json).map(([k, v]) => [k.toLowerCase(), v] as const));
  const period = byLowerName.get("softdeleteperiod") ?? DEFAULT_RETENTION_POLICY.SoftDeletePeriod;
  const recoverability = byLowerName.get("recoverability") ?? DEFAULT_RETENTION_POLICY.Recoverability;
  return validateRetentionPolicy({
    SoftDeletePeriod: period,
    Recoverability: typeof recoverability === "string" ? capitalise(recoverability) : recoverability,
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/**
 * Serializes a retention policy as compact JSON for `.alter table T policy retention @'…'`:
 * `{"SoftDeletePeriod":"00:00:00","Recoverability":"Disabled"}`.
 * @throws PolicyError when a value is invalid.
 */
export function serializeRetentionPolicy(policy: RetentionPolicyInput): string {
  const valid = validateRetentionPolicy(policy);
  return JSON.stringify({ SoftDeletePeriod: valid.SoftDeletePeriod, Recoverability: valid.Recoverability });
}

/** The retention policy in force for a table and the level that set it. */
export interface EffectiveRetentionPolicy {
  readonly policy: RetentionPolicy;
  readonly source: PolicySource;
}

/**
 * The retention ADX applies to a table: its own policy, else its database's, else the default (365,000 days,
 * recoverable). Pass the parsed `Policy` of `.show table T policy retention` and `.show database D policy retention`.
 */
export function effectiveRetentionPolicy(levels: {
  table: RetentionPolicy | null | undefined;
  database: RetentionPolicy | null | undefined;
}): EffectiveRetentionPolicy {
  if (levels.table) return { policy: levels.table, source: "table" };
  if (levels.database) return { policy: levels.database, source: "database" };
  return { policy: DEFAULT_RETENTION_POLICY, source: "default" };
}

/**
 * The retention edit form (and its route handler): `softDelete` as typed by the user (`0s`, `7d`, `00:00:00`),
 * output as the shortest Kusto literal (`0s`, `7d`, `12h`); optional `recoverability` (`enabled` / `disabled`),
 * which must not be `enabled` when the period is 0. Messages use ADX's field names.
 */
export const retentionFormSchema = z
  .object({
    softDelete: timespanFieldSchema({
      field: "SoftDeletePeriod",
      min: 0n,
      max: MAX_SOFT_DELETE_TICKS,
      examples: EXAMPLES,
      format: formatKustoTimespanLiteral,
    }),
    recoverability: z
      .enum(["enabled", "disabled"], { error: 'Recoverability must be "enabled" or "disabled"' })
      .optional(),
  })
  .superRefine((form, ctx) => {
    if (isZero(form.softDelete) && form.recoverability === "enabled") {
      ctx.addIssue({ code: "custom", path: ["recoverability"], message: ZERO_RETENTION_NEEDS_DISABLED });
    }
  });

/** Validated retention form values (`softDelete` as a short Kusto literal). */
export type RetentionForm = z.output<typeof retentionFormSchema>;

/** Retention form values as typed. */
export type RetentionFormInput = z.input<typeof retentionFormSchema>;
