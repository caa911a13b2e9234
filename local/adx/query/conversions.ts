/**
 * Kusto conversions (`tostring`, `tolong`, `todatetime`, …) with Kusto's semantics: a failed conversion is null,
 * never an error; strings are never null (empty instead); dynamic values convert as what they hold.
 */
import { formatDatetime, formatTimespan, parseTimespan, ticksOf } from "./datetime";
import { PathBatch } from "./path-batch";
import type { Scalar } from "./relation";
import { Sql, sql, type SqlNode } from "./sql";
import { nullOf, type KustoType } from "./types";

const INT_TEXT = Sql.str("^\\s*[+-]?([0-9]+|0[xX][0-9a-fA-F]+)\\s*$");

/** JSON type of a dynamic value (`NULL`, `BIGINT`, `UBIGINT`, `DOUBLE`, `VARCHAR`, `BOOLEAN`, `ARRAY`, `OBJECT`). */
const jtype = (d: SqlNode) => sql`json_type(${d})`;
/** The text of a dynamic scalar: strings unquoted, numbers exact, bags/arrays compact JSON. */
const jtext = (d: SqlNode) => sql`json_extract_string(${d}, '$')`;

/** Converts text to a Kusto type with the string rules of each `to*` function. */
function fromText(text: SqlNode, to: KustoType): SqlNode {
  switch (to) {
    case "string":
      return text;
    case "long":
      // DuckDB would round "5.7" and accept "1e3"; Kusto refuses both but trims spaces and reads "+4" and "0x10".
      return sql`CASE WHEN regexp_matches(${text}, ${INT_TEXT}) THEN TRY_CAST(trim(${text}) AS BIGINT) END`;
    case "int":
      return sql`CASE WHEN regexp_matches(${text}, ${INT_TEXT}) THEN TRY_CAST(trim(${text}) AS INTEGER) END`;
    case "real":
      return sql`TRY_CAST(trim(${text}) AS DOUBLE)`;
    case "decimal":
      return sql`TRY_CAST(trim(${text}) AS DECIMAL(38,18))`;
    case "bool":
      return sql`CASE lower(trim(${text})) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE ELSE (CASE WHEN regexp_matches(${text}, ${INT_TEXT}) THEN TRY_CAST(trim(${text}) AS BIGINT) <> 0 END) END`;
    case "datetime":
      return sql`TRY_CAST(trim(${text}) AS TIMESTAMP_NS)`;
    case "timespan":
      return parseTimespan(text);
    case "guid":
      return sql`TRY_CAST(trim(${text}) AS UUID)`;
    case "dynamic":
      // parse_json: valid JSON text is parsed; anything else becomes a dynamic string.
      return sql`CASE WHEN json_valid(${text}) THEN json(${text}) ELSE to_json(${text}) END`;
  }
}

/**
 * Converts a dynamic value: numbers and bools directly, strings with the text rules, bags/arrays to null. Reads `d`
 * only through its JSON type and text, which a batched path provides from lists (path-batch.ts).
 */
function fromDynamic(d: SqlNode, to: KustoType): SqlNode {
  if (to === "dynamic") return d;
  const s = PathBatch.form(d, "text", true) ?? jtext(d);
  if (to === "string") return sql`COALESCE(${s}, '')`;
  const t = PathBatch.form(d, "type", true) ?? jtype(d);
  switch (to) {
    case "long":
    case "int": {
      const target = to === "long" ? "BIGINT" : "INTEGER";
      return sql`CASE ${t} WHEN 'BIGINT' THEN TRY_CAST(${s} AS ${target}) WHEN 'UBIGINT' THEN TRY_CAST(${s} AS ${target}) WHEN 'DOUBLE' THEN TRY_CAST(trunc(CAST(${s} AS DOUBLE)) AS ${target}) WHEN 'BOOLEAN' THEN CASE ${s} WHEN 'true' THEN 1 ELSE 0 END WHEN 'VARCHAR' THEN ${fromText(s, to)} END`;
    }
    case "real":
    case "decimal": {
      const target = to === "real" ? "DOUBLE" : "DECIMAL(38,18)";
      return sql`CASE ${t} WHEN 'BIGINT' THEN TRY_CAST(${s} AS ${target}) WHEN 'UBIGINT' THEN TRY_CAST(${s} AS ${target}) WHEN 'DOUBLE' THEN TRY_CAST(${s} AS ${target}) WHEN 'BOOLEAN' THEN CASE ${s} WHEN 'true' THEN 1 ELSE 0 END WHEN 'VARCHAR' THEN ${fromText(s, to)} END`;
    }
    case "bool":
      return sql`CASE ${t} WHEN 'BOOLEAN' THEN ${s} = 'true' WHEN 'BIGINT' THEN CAST(${s} AS BIGINT) <> 0 WHEN 'UBIGINT' THEN TRUE WHEN 'DOUBLE' THEN CAST(${s} AS DOUBLE) <> 0 WHEN 'VARCHAR' THEN ${fromText(s, "bool")} END`;
    case "datetime":
    case "timespan":
    case "guid":
      return sql`CASE ${t} WHEN 'VARCHAR' THEN ${fromText(s, to)} END`;
  }
}

/** `tostring(real)`: integral values print without a fraction (`1`, not `1.0`). */
function realText(x: SqlNode): SqlNode {
  return sql`CASE WHEN isfinite(${x}) AND ${x} = trunc(${x}) AND abs(${x}) < 1e15 THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR) ELSE CAST(${x} AS VARCHAR) END`;
}

/** The SQL of `to<type>(x)` for an analysed argument. */
export function convert(x: Scalar, to: KustoType): SqlNode {
  const from = x.type;
  const v = x.sql;
  if (from === to) return to === "string" ? sql`COALESCE(${v}, '')` : v;
  if (from === "dynamic") return fromDynamic(v, to);
  if (from === "string") return fromText(v, to);
  switch (to) {
    case "string": {
      const text =
        from === "datetime"
          ? formatDatetime(v)
          : from === "timespan"
            ? formatTimespan(v)
            : from === "real"
              ? realText(v)
              : from === "bool"
                ? sql`CASE WHEN ${v} THEN 'true' ELSE 'false' END`
                : sql`CAST(${v} AS VARCHAR)`;
      return sql`COALESCE(${text}, '')`;
    }
    case "dynamic":
      if (from === "datetime" || from === "timespan") return sql`to_json(${convert(x, "string")})`;
      return sql`to_json(${v})`;
    case "long":
    case "int": {
      const target = to === "long" ? "BIGINT" : "INTEGER";
      if (from === "datetime") return sql`CAST(${ticksOf(v)} AS ${target})`;
      if (from === "real" || from === "decimal") {
        // Kusto saturates a real that does not fit (toint(1e10) = 2147483647).
        const [lo, hi] =
          to === "long" ? ["-9223372036854775808", "9223372036854775807"] : ["-2147483648", "2147483647"];
        return sql`CAST(greatest(least(trunc(${v}), ${hi}), ${lo}) AS ${target})`;
      }
      if (from === "bool") return sql`CAST(${v} AS ${target})`;
      if (from === "long" && to === "int") {
        // A long that overflows int wraps around, as in .NET (toint(9999999999) = 1410065407).
        return sql`CAST(((${v} + 2147483648) % 4294967296 + 4294967296) % 4294967296 - 2147483648 AS INTEGER)`;
      }
      return sql`TRY_CAST(${v} AS ${target})`;
    }
    case "real":
      return sql`TRY_CAST(${v} AS DOUBLE)`;
    case "decimal":
      return sql`TRY_CAST(${v} AS DECIMAL(38,18))`;
    case "bool":
      if (from === "long" || from === "int" || from === "real" || from === "decimal") return sql`(${v} <> 0)`;
      return nullOf("bool");
    case "datetime":
      if (from === "long") return sql`make_timestamp_ns((${v} - 621355968000000000) * 100)`;
      return nullOf("datetime");
    case "timespan":
      if (from === "long" || from === "int") return sql`CAST(${v} AS BIGINT)`;
      if (from === "real") return sql`TRY_CAST(trunc(${v}) AS BIGINT)`;
      return nullOf("timespan");
    case "guid":
      return nullOf("guid");
  }
}
