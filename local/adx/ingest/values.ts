/**
 * Converting mapped source values to a column's Kusto type and appending them with the DuckDB appender.
 * Ingestion never fails on a value: what does not convert becomes null (strings: empty), as in ADX.
 */
import { type DuckDBAppender, DuckDBTimestampNanosecondsValue } from "@duckdb/node-api";
import { parseTimespan } from "@/kql/policies/timespan";
import type { KustoType } from "../storage/kusto-types";
import { BigJsonNumber, stringifyExact } from "./json-text";
import type { MappingTransform } from "./mapping";

/** A value ready for the appender: string, number, bigint (long / ticks / ns), boolean or null. */
export type CellValue = string | number | bigint | boolean | null;

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Nanoseconds since the Unix epoch of an ISO-8601 text (no zone = UTC), truncated to 100-ns ticks; null if invalid. */
export function parseDatetimeNs(text: string): bigint | null {
  const m = DATETIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return null;
  let ns = BigInt(ms) * 1_000_000n + BigInt(frac.slice(0, 7).padEnd(7, "0")) * 100n;
  if (zone && zone.toUpperCase() !== "Z") {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!zm) return null;
    const offsetNs = (BigInt(zm[2]!) * 60n + BigInt(zm[3]!)) * 60_000_000_000n;
    ns += zm[1] === "+" ? -offsetNs : offsetNs;
  }
  return ns;
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value instanceof BigJsonNumber) return value.text;
  if (typeof value === "object") return stringifyExact(value);
  return String(value);
}

function asLong(value: unknown): bigint | null {
  if (typeof value === "number") return Number.isFinite(value) ? BigInt(Math.trunc(value)) : null;
  if (value instanceof BigJsonNumber) return /^-?\d+$/.test(value.text) ? BigInt(value.text) : null;
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "string" && /^\s*[-+]?\d+\s*$/.test(value)) return BigInt(value.trim());
  return null;
}

function asReal(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (value instanceof BigJsonNumber) return Number(value.text);
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

function fromUnix(value: unknown, transform: MappingTransform): bigint | null {
  const n = asReal(value);
  if (n === null) return null;
  const factor = {
    DateTimeFromUnixSeconds: 1e9,
    DateTimeFromUnixMilliseconds: 1e6,
    DateTimeFromUnixMicroseconds: 1e3,
    DateTimeFromUnixNanoseconds: 1,
  }[transform];
  return (BigInt(Math.round(n * factor)) / 100n) * 100n;
}

/** Converts a source value (JSON value or CSV text) to the column's type. */
export function toCell(value: unknown, type: KustoType, transform: MappingTransform | null = null): CellValue {
  if (transform !== null)
    return type === "datetime" ? fromUnix(value, transform) : toCell(fromUnix(value, transform), type);
  if (value === undefined) value = null;
  switch (type) {
    case "string":
      return asText(value);
    case "dynamic":
      // A CSV field or JSON string holding JSON stays a string: ADX does not re-parse mapped strings.
      return value === null ? null : typeof value === "string" ? JSON.stringify(value) : stringifyExact(value);
    case "long":
    case "int": {
      const n = asLong(value);
      if (n === null) return null;
      if (type === "int" && (n > 2147483647n || n < -2147483648n)) return null;
      return type === "int" ? Number(n) : n;
    }
    case "real":
      return asReal(value);
    case "decimal":
      return value === null ? null : asReal(value) === null ? null : asText(value);
    case "bool":
      if (typeof value === "boolean") return value;
      if (typeof value === "number") return value !== 0;
      if (typeof value === "string") {
        const t = value.trim().toLowerCase();
        if (t === "true") return true;
        if (t === "false") return false;
        if (/^-?\d+$/.test(t)) return Number(t) !== 0;
      }
      return null;
    case "datetime":
      if (typeof value === "bigint") return value;
      return typeof value === "string" ? parseDatetimeNs(value) : null;
    case "timespan":
      return typeof value === "string" ? parseTimespan(value.trim()) : null;
    case "guid": {
      const t = typeof value === "string" ? value.trim() : "";
      return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(t) ? t.toLowerCase() : null;
    }
  }
}

/** Appends one converted cell of a column of `type`. */
export function appendCell(appender: DuckDBAppender, type: KustoType, cell: CellValue): void {
  if (cell === null) {
    // Kusto strings are never null.
    if (type === "string") appender.appendVarchar("");
    else appender.appendNull();
    return;
  }
  switch (type) {
    case "long":
    case "timespan":
      appender.appendBigInt(cell as bigint);
      return;
    case "int":
      appender.appendInteger(cell as number);
      return;
    case "real":
      appender.appendDouble(cell as number);
      return;
    case "bool":
      appender.appendBoolean(cell as boolean);
      return;
    case "datetime":
      appender.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(cell as bigint));
      return;
    default:
      // string, dynamic (JSON text), guid and decimal text: DuckDB casts VARCHAR to the column type.
      appender.appendVarchar(String(cell));
  }
}
