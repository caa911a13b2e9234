/**
 * Kusto JSON wire values from DuckDB results. Columns are read through SQL that turns each type into something JS
 * reads exactly (datetimes as epoch nanoseconds text, timespans as ticks, decimals as text), then formatted here.
 */
import { sql, type SqlNode } from "./sql";
import type { KustoType } from "./types";

/** SQL reading one column in a form `toWire` understands. */
export function wireSelect(column: SqlNode, type: string): SqlNode {
  switch (type as KustoType) {
    case "datetime":
      return sql`CAST(epoch_ns(${column}) AS VARCHAR)`;
    case "timespan":
    case "long":
      return sql`CAST(${column} AS VARCHAR)`;
    case "guid":
    case "decimal":
    case "dynamic":
      return sql`CAST(${column} AS VARCHAR)`;
    case "string":
      return sql`COALESCE(${column}, '')`;
    default:
      return column;
  }
}

const pad = (n: bigint | number, width: number) => String(n).padStart(width, "0");

/** ISO 8601 with 7 fractional digits and `Z` from epoch nanoseconds. */
export function formatDatetimeNanos(nanosText: string): string {
  const ns = BigInt(nanosText);
  const ticks = ns / 100n - (ns % 100n < 0n ? 1n : 0n);
  const ms = ticks / 10000n - (ticks % 10000n < 0n ? 1n : 0n);
  const subMs = ticks - ms * 10000n;
  const iso = new Date(Number(ms)).toISOString(); // yyyy-mm-ddThh:mm:ss.mmmZ
  return `${iso.slice(0, 23)}${pad(subMs, 4)}Z`;
}

/** `[-][d.]hh:mm:ss[.fffffff]` from 100-ns ticks. */
export function formatTimespanTicks(ticksText: string): string {
  const t = BigInt(ticksText);
  const neg = t < 0n;
  const a = neg ? -t : t;
  const days = a / 864000000000n;
  const rest = a % 864000000000n;
  const h = rest / 36000000000n;
  const m = (rest / 600000000n) % 60n;
  const s = (rest / 10000000n) % 60n;
  const f = rest % 10000000n;
  return `${neg ? "-" : ""}${days > 0n ? `${days}.` : ""}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${f > 0n ? `.${pad(f, 7)}` : ""}`;
}

/**
 * A DuckDB value (as read by `wireSelect`) as a Kusto JSON wire value. Longs become JS numbers: JSON readers lose
 * precision past 2^53 whatever the server sends (ADX behaves the same with JSON.parse clients).
 */
export function toWire(value: unknown, type: string): unknown {
  if (type === "string") return value == null ? "" : String(value);
  if (value == null) return null;
  switch (type as KustoType) {
    case "datetime":
      return formatDatetimeNanos(String(value));
    case "timespan":
      return formatTimespanTicks(String(value));
    case "long":
    case "int":
      return Number(value);
    case "real": {
      const n = Number(value);
      if (Number.isNaN(n)) return "NaN";
      if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
      return n;
    }
    case "bool":
      return Boolean(value);
    case "guid":
      return String(value).toLowerCase();
    case "decimal":
      return String(value)
        .replace(/(\.\d*?)0+$/, "$1")
        .replace(/\.$/, "");
    case "dynamic":
      return JSON.parse(String(value));
    default:
      return value;
  }
}
