import type { CatalogColumn } from "@/kql/catalog";
import type { EventContext } from "../event-context";
import { At } from "../event-context";
import type { JsonValue } from "../json-text";
import { formatInstant, type TimeStyle } from "../time-format";
import { guid } from "../values/world";
import type { GenValue } from "./types";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Value a rule-less column gets from its type alone. */
export function valueForType(ctx: EventContext, column: CatalogColumn): GenValue {
  switch (column.type) {
    case "long":
      return ctx.rng.int(0, 1_000_000);
    case "int":
      return ctx.rng.int(0, 1000);
    case "real":
    case "decimal":
      return Math.round(ctx.rng.next() * 100_000) / 100;
    case "bool":
      return ctx.rng.chance(0.5);
    case "datetime":
      return new At(ctx.before(0, 3_600_000));
    case "timespan":
      return `00:00:${String(ctx.rng.int(0, 59)).padStart(2, "0")}`;
    case "guid":
      return guid(ctx.rng);
    case "dynamic":
      return {};
    case "string":
      return null;
  }
}

/**
 * Coerces a rule's value to the JSON shape the column's Kusto type and payload encoding call for, so every
 * emitted value is one the seed's `to<type>()` conversions accept: datetimes as ISO strings, longs as integers
 * (bigint kept exact), json-text as a string holding JSON, dynamic as native JSON.
 */
export function conformValue(ctx: EventContext, column: CatalogColumn, raw: GenValue, time: TimeStyle): JsonValue {
  if (raw === null) return null;
  const value: JsonValue = raw instanceof At ? formatInstant(raw.instant, time) : raw;
  switch (column.type) {
    case "datetime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : null;
    case "long":
      if (typeof value === "bigint") return value;
      if (typeof value === "number" && Number.isSafeInteger(value)) return value;
      if (typeof value === "string" && /^-?\d{1,15}$/.test(value)) return Number(value);
      return null;
    case "int":
      if (typeof value === "number" && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
        return value;
      return null;
    case "real":
    case "decimal":
      return typeof value === "number" ? value : null;
    case "bool":
      return typeof value === "boolean" ? value : null;
    case "guid":
      return typeof value === "string" && GUID.test(value) ? value : null;
    case "timespan":
      return typeof value === "string" ? value : null;
    case "dynamic":
      // A JSON array/object held as text becomes the native value: dynamic columns arrive unquoted.
      if (typeof value === "string" && /^[[{]/.test(value) && isJsonText(value)) return JSON.parse(value) as JsonValue;
      return value;
    case "string":
      if (column.encoding === "json-text") {
        if (typeof value === "string") return isJsonText(value) ? value : JSON.stringify(value);
        return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
      }
      if (typeof value === "string") return value;
      if (typeof value === "object") return JSON.stringify(value);
      return String(value);
  }
}
