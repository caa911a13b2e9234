/** Literal expressions: values come from the source text or the analyzer, and are bound or escaped in `sql.ts`. */
import { kustoRuntime, type KustoNode } from "@/local/adx/kusto/language";

import { unsupported } from "./errors";
import { dynamicLiteral } from "./dynamic";
import type { Scalar } from "./relation";
import { Sql, sql } from "./sql";
import { elements, kindOf, scalarTypeOf, textOf, typeOf } from "./tree";
import { formatTimespanTicks } from "./wire";
import { nullOf, type KustoType } from "./types";

/** The text inside `type(…)`, or the text itself: `datetime(2024-01-01)` → `2024-01-01`. */
function innerText(text: string): string {
  const m = /^\s*[A-Za-z0-9_]+\s*\(([\s\S]*)\)\s*$/.exec(text);
  return (m ? m[1]! : text).trim();
}

const isNullText = (s: string) => s.toLowerCase() === "null";

/** A literal of a Kusto type written as KQL text (`datetime(…)`, `10m`, `123`, `"x"`, …); null if unparsable. */
export function literalFromText(type: KustoType, raw: string): Scalar | null {
  if (type === "string") return { sql: Sql.param(raw), type };
  const text = innerText(raw);
  if (isNullText(text)) return { sql: nullOf(type), type };
  switch (type) {
    case "long":
    case "int": {
      const v = /^[+-]?0x[0-9a-f]+$/i.test(text)
        ? BigInt(text.replace("+", ""))
        : /^[+-]?\d+$/.test(text)
          ? BigInt(text)
          : null;
      if (v === null) return null;
      return { sql: sql`CAST(${Sql.int(v)} AS ${type === "long" ? "BIGINT" : "INTEGER"})`, type };
    }
    case "real": {
      const v = Number(text);
      return Number.isNaN(v) && !/^nan$/i.test(text) ? null : { sql: Sql.real(v), type };
    }
    case "decimal":
      return /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)
        ? { sql: sql`CAST(${Sql.str(text)} AS DECIMAL(38,18))`, type }
        : null;
    case "bool":
      if (/^(true|false)$/i.test(text)) return { sql: Sql.raw(text.toLowerCase() === "true" ? "TRUE" : "FALSE"), type };
      return null;
    case "datetime":
      return { sql: sql`CAST(${Sql.str(text.replace(/^["']|["']$/g, ""))} AS TIMESTAMP_NS)`, type };
    case "guid":
      return /^[0-9a-f-]{32,36}$/i.test(text) ? { sql: sql`CAST(${Sql.str(text)} AS UUID)`, type } : null;
    case "timespan": {
      const ticks = timespanTicksFromText(raw);
      return ticks === null ? null : { sql: sql`CAST(${Sql.int(ticks)} AS BIGINT)`, type };
    }
    case "dynamic":
      try {
        JSON.parse(text);
        return { sql: dynamicLiteral(text), type };
      } catch {
        return null;
      }
  }
}

const UNIT_TICKS: Readonly<Record<string, bigint>> = {
  d: 864000000000n,
  day: 864000000000n,
  days: 864000000000n,
  h: 36000000000n,
  hr: 36000000000n,
  hrs: 36000000000n,
  hour: 36000000000n,
  hours: 36000000000n,
  m: 600000000n,
  min: 600000000n,
  minute: 600000000n,
  minutes: 600000000n,
  s: 10000000n,
  sec: 10000000n,
  second: 10000000n,
  seconds: 10000000n,
  ms: 10000n,
  milli: 10000n,
  millis: 10000n,
  millisecond: 10000n,
  milliseconds: 10000n,
  microsecond: 10n,
  microseconds: 10n,
  tick: 1n,
  ticks: 1n,
};

/** Ticks of a decimal number text times a unit, exactly (no floating point). */
function scaled(number: string, unit: bigint): bigint {
  const [whole = "0", frac = ""] = number.split(".");
  const scale = 10n ** BigInt(frac.length);
  return ((BigInt(whole || "0") * scale + BigInt(frac || "0")) * unit) / scale;
}

/**
 * Ticks of a timespan literal text: `10m`, `1.5h`, `time(1.02:03:04.5)`, `timespan(2d)`. Parsed here because the
 * Bridge build of the analyzer returns 0 for the `d.hh:mm:ss` forms.
 */
export function timespanTicksFromText(raw: string): bigint | null {
  const text = innerText(raw);
  const sign = text.startsWith("-") ? -1n : 1n;
  const body = text.replace(/^[+-]/, "");
  const unit = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(body);
  if (unit) {
    const perUnit = UNIT_TICKS[unit[2]!.toLowerCase()];
    return perUnit === undefined ? null : sign * scaled(unit[1]!, perUnit);
  }
  const clock = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(body);
  if (clock) {
    const [, d = "0", h = "0", m = "0", sec = "0", f = ""] = clock;
    const ticks =
      BigInt(d) * 864000000000n +
      BigInt(h) * 36000000000n +
      BigInt(m) * 600000000n +
      BigInt(sec) * 10000000n +
      BigInt(f.padEnd(7, "0"));
    return sign * ticks;
  }
  if (/^\d+(\.\d+)?$/.test(body)) return sign * scaled(body, UNIT_TICKS.d!);
  return null;
}

/** A `LiteralExpression` of any scalar type. */
export function translateLiteral(node: KustoNode): Scalar {
  const type = scalarTypeOf(node.ResultType, node);
  const kind = kindOf(node);
  if (kind === "StringLiteralExpression") return { sql: Sql.param(String(node.LiteralValue ?? "")), type: "string" };
  if (type === "real" && node.LiteralValue != null && typeof node.LiteralValue !== "object") {
    return { sql: Sql.real(Number(node.LiteralValue)), type };
  }
  // Datetimes and longs are read from the text: the analyzer's value keeps milliseconds / may not fit a double.
  const out = literalFromText(type, textOf(node));
  if (!out) throw unsupported(`The literal '${textOf(node)}'`, node);
  return out;
}

/** A JSON string for a JSON value that must stay exact (18-digit longs are spliced in as raw text). */
type JsonText = string;

/** JSON text of a dynamic literal's syntax (Kusto JSON allows single quotes and typed values like `datetime(…)`). */
function jsonOf(node: KustoNode): JsonText {
  switch (typeOf(node)) {
    case "DynamicExpression":
    case "ParenthesizedExpression":
      return jsonOf(node.Expression);
    case "JsonObjectExpression":
      return `{${elements(node.Pairs)
        .map(
          (p: KustoNode) =>
            `${JSON.stringify(String(kustoRuntime().Kusto.Language.KustoFacts.GetStringLiteralValue(String(p.Name.Text))))}:${jsonOf(p.Value)}`,
        )
        .join(",")}}`;
    case "JsonArrayExpression":
      return `[${elements(node.Values).map(jsonOf).join(",")}]`;
    case "PrefixUnaryExpression": {
      const inner = jsonOf(node.Expression);
      return kindOf(node) === "UnaryMinusExpression" ? (inner.startsWith("-") ? inner.slice(1) : `-${inner}`) : inner;
    }
    case "LiteralExpression": {
      const kind = kindOf(node);
      if (node.LiteralValue == null && kind !== "StringLiteralExpression") return "null";
      switch (kind) {
        case "StringLiteralExpression":
          return JSON.stringify(String(node.LiteralValue ?? ""));
        case "BooleanLiteralExpression":
          return /true/i.test(textOf(node)) ? "true" : "false";
        case "LongLiteralExpression":
        case "IntLiteralExpression": {
          const text = innerText(textOf(node));
          return /^[+-]?\d+$/.test(text) ? String(BigInt(text)) : String(Number(text));
        }
        case "RealLiteralExpression":
        case "DecimalLiteralExpression": {
          const n = Number(innerText(textOf(node)));
          return Number.isFinite(n) ? String(n) : "null";
        }
        case "DateTimeLiteralExpression":
          return JSON.stringify(innerText(textOf(node)));
        case "TimespanLiteralExpression": {
          const ticks = timespanTicksFromText(textOf(node));
          return ticks === null ? "null" : JSON.stringify(formatTimespanTicks(String(ticks)));
        }
        case "GuidLiteralExpression":
          return JSON.stringify(innerText(textOf(node)).toLowerCase());
        default:
          return "null";
      }
    }
    default:
      throw unsupported(`The dynamic literal element '${textOf(node)}'`, node);
  }
}

/** `dynamic(…)` as a JSON constant. */
export function translateDynamicLiteral(node: KustoNode): Scalar {
  const inner = node.Expression;
  if (!inner || (typeOf(inner) === "LiteralExpression" && kindOf(inner) === "NullLiteralExpression")) {
    return { sql: dynamicLiteral(null), type: "dynamic" };
  }
  return { sql: dynamicLiteral(jsonOf(inner)), type: "dynamic" };
}
