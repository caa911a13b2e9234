/** Scalar function calls: built-ins by name, and user functions through the analyzer's expansion. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { convert } from "./conversions";
import { addTicks, binDatetime, fromTicks, ticksOf, timestampConstant } from "./datetime";
import { dynamicIsNull } from "./dynamic";
import { unsupported, unsupportedFunction } from "./errors";
import { expandCall } from "./expand";
import type { Env, Scalar } from "./relation";
import { ingestionTime, scalar } from "./scalar";
import { Sql, sql, type SqlNode } from "./sql";
import { argumentsOf, functionNameOf, scalarTypeOf, typeOf } from "./tree";
import { duckType, isIntegral, type KustoType } from "./types";

type Handler = (args: KustoNode[], env: Env, node: KustoNode, result: KustoType) => SqlNode;

const arg = (args: KustoNode[], i: number, env: Env): Scalar => scalar(args[i], env);
const CONVERSIONS: Record<string, KustoType> = {
  tostring: "string",
  tolong: "long",
  toint: "int",
  toreal: "real",
  todouble: "real",
  todecimal: "decimal",
  tobool: "bool",
  toboolean: "bool",
  todatetime: "datetime",
  totimespan: "timespan",
  totime: "timespan",
  toguid: "guid",
  todynamic: "dynamic",
  toobject: "dynamic",
  parse_json: "dynamic",
};

/** Casts a branch to the result type so CASE arms agree (e.g. int and long arms of `iff`). */
function asResult(x: Scalar, result: KustoType): SqlNode {
  if (x.type === result) return x.sql;
  if (result === "dynamic" || x.type === "dynamic") return convert(x, result);
  return sql`CAST(${x.sql} AS ${duckType(result)})`;
}

function isNull(x: Scalar): SqlNode {
  if (x.type === "string") return Sql.raw("FALSE");
  if (x.type === "dynamic") return dynamicIsNull(x.sql);
  return sql`(${x.sql} IS NULL)`;
}

function isEmpty(x: Scalar): SqlNode {
  if (x.type === "string") return sql`(${x.sql} = '' OR ${x.sql} IS NULL)`;
  if (x.type === "dynamic")
    return sql`(${dynamicIsNull(x.sql)} OR (json_type(${x.sql}) = 'VARCHAR' AND json_extract_string(${x.sql}, '$') = ''))`;
  return sql`(${x.sql} IS NULL)`;
}

/** `bin(x, size)` for numbers, datetimes and timespans. */
function bin(x: Scalar, size: Scalar, node: KustoNode): SqlNode {
  if (x.type === "datetime") return binDatetime(x.sql, size.sql);
  if (x.type === "timespan")
    return sql`(${x.sql} // (${size.sql}) * (${size.sql}) - CASE WHEN ${x.sql} % (${size.sql}) < 0 THEN (${size.sql}) ELSE 0 END)`;
  if (isIntegral(x.type) && isIntegral(size.type))
    return sql`CAST(floor(${x.sql} / (${size.sql})) * (${size.sql}) AS ${duckType(x.type)})`;
  if (x.type === "real" || x.type === "long" || x.type === "int" || x.type === "decimal")
    return sql`(floor(${x.sql} / (${size.sql})) * (${size.sql}))`;
  throw unsupported(`bin() of a ${x.type}`, node);
}

const HANDLERS: Record<string, Handler> = {
  iff: (a, env, _n, result) =>
    sql`CASE WHEN ${arg(a, 0, env).sql} THEN ${asResult(arg(a, 1, env), result)} ELSE ${asResult(arg(a, 2, env), result)} END`,
  case: (a, env, _n, result) => {
    const arms: SqlNode[] = [];
    for (let i = 0; i + 1 < a.length; i += 2)
      arms.push(sql`WHEN ${arg(a, i, env).sql} THEN ${asResult(arg(a, i + 1, env), result)}`);
    return sql`CASE ${Sql.join(arms, " ")} ELSE ${asResult(arg(a, a.length - 1, env), result)} END`;
  },
  isnull: (a, env) => isNull(arg(a, 0, env)),
  isnotnull: (a, env) => sql`(NOT ${isNull(arg(a, 0, env))})`,
  isempty: (a, env) => isEmpty(arg(a, 0, env)),
  isnotempty: (a, env) => sql`(NOT ${isEmpty(arg(a, 0, env))})`,
  not: (a, env) => sql`(NOT ${arg(a, 0, env).sql})`,
  coalesce: (a, env, _n, result) => {
    const xs = a.map((_, i) => arg(a, i, env));
    // Kusto's coalesce skips empty strings and JSON nulls too.
    if (result === "string")
      return sql`COALESCE(${Sql.join(xs.map((x) => sql`NULLIF(${asResult(x, result)}, '')`))}, '')`;
    if (result === "dynamic")
      return sql`COALESCE(${Sql.join(xs.map((x) => sql`CASE WHEN ${dynamicIsNull(x.sql)} THEN NULL ELSE ${x.sql} END`))})`;
    return sql`COALESCE(${Sql.join(xs.map((x) => asResult(x, result)))})`;
  },
  strcat: (a, env) =>
    sql`(${Sql.join(
      a.map((_, i) => convert(arg(a, i, env), "string")),
      " || ",
    )})`,
  strlen: (a, env) => sql`CAST(length(${convert(arg(a, 0, env), "string")}) AS BIGINT)`,
  tolower: (a, env) => sql`lower(${convert(arg(a, 0, env), "string")})`,
  toupper: (a, env) => sql`upper(${convert(arg(a, 0, env), "string")})`,
  substring: (a, env) => {
    const s = convert(arg(a, 0, env), "string");
    const start = sql`greatest(${arg(a, 1, env).sql}, 0) + 1`;
    return a.length > 2 ? sql`substr(${s}, ${start}, ${arg(a, 2, env).sql})` : sql`substr(${s}, ${start})`;
  },
  replace_string: (a, env) =>
    sql`replace(${convert(arg(a, 0, env), "string")}, ${arg(a, 1, env).sql}, ${arg(a, 2, env).sql})`,
  trim: (a, env) =>
    sql`regexp_replace(${convert(arg(a, 1, env), "string")}, '^(' || ${arg(a, 0, env).sql} || ')+|(' || ${arg(a, 0, env).sql} || ')+$', '', 'g')`,
  extract: (a, env) =>
    sql`COALESCE(NULLIF(regexp_extract(${convert(arg(a, 2, env), "string")}, ${arg(a, 0, env).sql}, CAST(${arg(a, 1, env).sql} AS INTEGER)), ''), '')`,
  split: (a, env) => sql`to_json(string_split(${convert(arg(a, 0, env), "string")}, ${arg(a, 1, env).sql}))`,
  array_length: (a, env) => {
    const d = arg(a, 0, env).sql;
    return sql`CASE WHEN json_type(${d}) = 'ARRAY' THEN CAST(json_array_length(${d}) AS BIGINT) END`;
  },
  bag_keys: (a, env) => {
    const d = arg(a, 0, env).sql;
    return sql`CASE WHEN json_type(${d}) = 'OBJECT' THEN to_json(json_keys(${d})) END`;
  },
  bag_pack: (a, env) =>
    sql`json_object(${Sql.join(a.map((_, i) => (i % 2 === 0 ? convert(arg(a, i, env), "string") : convert(arg(a, i, env), "dynamic"))))})`,
  pack_array: (a, env) => sql`json_array(${Sql.join(a.map((_, i) => convert(arg(a, i, env), "dynamic")))})`,
  now: (a, env) => {
    const base = timestampConstant(env.t.ctx.now);
    return a.length > 0 ? addTicks(base, arg(a, 0, env).sql, "+") : base;
  },
  ago: (a, env) => addTicks(timestampConstant(env.t.ctx.now), arg(a, 0, env).sql, "-"),
  bin: (a, env, n) => bin(arg(a, 0, env), arg(a, 1, env), n),
  startofday: (a, env) => {
    const day = sql`(${ticksOf(arg(a, 0, env).sql)} // 864000000000 * 864000000000)`;
    return a.length > 1 ? fromTicks(sql`(${day} + ${arg(a, 1, env).sql} * 864000000000)`) : fromTicks(day);
  },
  ingestion_time: (_a, env) => ingestionTime(env).sql,
  abs: (a, env) => sql`abs(${arg(a, 0, env).sql})`,
  round: (a, env) =>
    a.length > 1 ? sql`round(${arg(a, 0, env).sql}, ${arg(a, 1, env).sql})` : sql`round(${arg(a, 0, env).sql})`,
  min_of: (a, env, _n, result) => sql`least(${Sql.join(a.map((_, i) => asResult(arg(a, i, env), result)))})`,
  max_of: (a, env, _n, result) => sql`greatest(${Sql.join(a.map((_, i) => asResult(arg(a, i, env), result)))})`,
};
HANDLERS.iif = HANDLERS.iff!;
HANDLERS.pack = HANDLERS.bag_pack!;
HANDLERS.floor = (a, env, n, r) => (a.length > 1 ? HANDLERS.bin!(a, env, n, r) : sql`floor(${arg(a, 0, env).sql})`);

/** Translates a scalar function call (or a zero-argument function named without parentheses). */
export function translateCall(node: KustoNode, env: Env): Scalar {
  const symbol = node.ReferencedSymbol;
  const name = functionNameOf(node).toLowerCase();
  if (symbol && typeOf(symbol) === "FunctionSymbol" && node.GetExpansion?.()) {
    const out = expandCall(node, env);
    if (out.kind !== "scalar") throw unsupported(`Using the tabular function '${name}' as a scalar`, node);
    return out.value;
  }
  const result = scalarTypeOf(node.ResultType, node);
  const conversion = CONVERSIONS[name];
  const args = typeOf(node) === "FunctionCallExpression" ? argumentsOf(node) : [];
  if (conversion) return { sql: convert(scalar(args[0], env), conversion), type: conversion };
  const handler = HANDLERS[name];
  if (!handler) throw unsupportedFunction(functionNameOf(node), node);
  return { sql: handler(args, env, node, result), type: result };
}
