import { formatTimespan, parseTimespan, TICKS_PER_DAY } from "@/kql/policies/timespan";
import { asObject, invalidPolicy, parsePolicyJson, prop, rejectUnknown } from "./json";

/** A stored retention policy. */
export interface RetentionPolicy {
  readonly SoftDeletePeriod: string;
  readonly Recoverability: "Enabled" | "Disabled";
}

const NAME = "RetentionPolicy";
const MAX_TICKS = 365_000n * TICKS_PER_DAY;

/** What `.alter ... policy retention "{}"` writes: 365,000 days, recoverable. */
export const DEFAULT_RETENTION: RetentionPolicy = { SoftDeletePeriod: "365000.00:00:00", Recoverability: "Enabled" };

/** Changes to apply: from JSON or from `softdelete = … recoverability = …`. */
export interface RetentionChange {
  readonly softDeleteTicks?: bigint;
  readonly recoverability?: "Enabled" | "Disabled";
}

/** Reads a retention JSON text into a change (only the fields present). */
export function retentionChangeFromJson(text: string): RetentionChange {
  const obj = asObject(parsePolicyJson(text, NAME), NAME);
  rejectUnknown(obj, ["SoftDeletePeriod", "Recoverability"], NAME);
  const period = prop(obj, "SoftDeletePeriod");
  const rec = prop(obj, "Recoverability");
  return {
    ...(period !== undefined && period !== null ? { softDeleteTicks: ticksOf(period) } : {}),
    ...(rec !== undefined && rec !== null ? { recoverability: recoverabilityOf(rec) } : {}),
  };
}

/** Parses a `softdelete = <timespan>` value. */
export function ticksOf(value: unknown): bigint {
  const ticks = typeof value === "string" ? parseTimespan(value) : null;
  if (ticks === null) throw invalidPolicy(NAME, `SoftDeletePeriod '${String(value)}' is not a timespan`);
  if (ticks < 0n || ticks > MAX_TICKS) {
    throw invalidPolicy(NAME, `SoftDeletePeriod must be between 00:00:00 and 365000.00:00:00, got ${String(value)}`);
  }
  return ticks;
}

/** Parses a recoverability value (`enabled`/`disabled`, any case). */
export function recoverabilityOf(value: unknown): "Enabled" | "Disabled" {
  const text = String(value).toLowerCase();
  if (text === "enabled") return "Enabled";
  if (text === "disabled") return "Disabled";
  throw invalidPolicy(NAME, `Recoverability must be 'Enabled' or 'Disabled', got '${String(value)}'`);
}

/**
 * Applies a change to a base policy (the current one for alter-merge, the defaults for alter). A zero period at
 * table level forces `Recoverability = Disabled`, because ADX requires it and the seed's
 * `.alter-merge table Staging policy retention softdelete = 0s` omits it (README: choice). Databases refuse 0.
 */
export function applyRetention(
  base: RetentionPolicy,
  change: RetentionChange,
  level: "Table" | "Database",
): RetentionPolicy {
  const ticks = change.softDeleteTicks ?? parseTimespan(base.SoftDeletePeriod) ?? 0n;
  if (ticks === 0n && level === "Database") {
    throw invalidPolicy(NAME, "SoftDeletePeriod 0 is allowed only on tables, not on databases");
  }
  let recoverability = change.recoverability ?? base.Recoverability;
  if (ticks === 0n) {
    if (change.recoverability === "Enabled") {
      throw invalidPolicy(NAME, "Recoverability must be Disabled when SoftDeletePeriod is 0");
    }
    recoverability = "Disabled";
  }
  return { SoftDeletePeriod: formatTimespan(ticks), Recoverability: recoverability };
}
