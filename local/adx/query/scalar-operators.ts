/** Binary, unary, `in` and `between` operators with Kusto semantics (case rules, term matching, time arithmetic). */
import type { KustoNode } from "@/local/adx/kusto/language";

import { convert } from "./conversions";
import { addTicks, diffTicks } from "./datetime";
import { unsupported } from "./errors";
import type { Env, Scalar } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql, type SqlNode } from "./sql";
import { elements, kindOf, scalarTypeOf } from "./tree";
import { duckType, isIntegral, isNumeric, type KustoType } from "./types";

const bool = (s: SqlNode): Scalar => ({ sql: s, type: "bool" });
const asString = (x: Scalar): SqlNode => (x.type === "string" ? x.sql : convert(x, "string"));

/** Makes both sides comparable: a dynamic side converts to the other side's type, as Kusto compares them. */
function comparable(a: Scalar, b: Scalar): [SqlNode, SqlNode, KustoType] {
  if (a.type === "dynamic" && b.type !== "dynamic") return [convert(a, b.type), b.sql, b.type];
  if (b.type === "dynamic" && a.type !== "dynamic") return [a.sql, convert(b, a.type), a.type];
  return [a.sql, b.sql, a.type];
}

const TERM = "[0-9A-Za-z]";
const NON_TERM = "[^0-9A-Za-z]";

/** RE2 escaping of a constant needle. */
function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `has`: the needle must be a whole term (terms are runs of ASCII letters and digits). `hasprefix` / `hassuffix` only
 * anchor one side. A constant needle becomes a constant pattern so DuckDB compiles the regex once.
 */
function termMatch(
  haystack: SqlNode,
  needle: Scalar,
  mode: "has" | "prefix" | "suffix",
  caseSensitive: boolean,
): SqlNode {
  const flags = caseSensitive ? "" : "(?i)";
  const left = mode === "suffix" ? "" : `(?:^|${NON_TERM})`;
  const right = mode === "prefix" ? "" : `(?:$|${NON_TERM})`;
  const constant = constantString(needle);
  if (constant !== null) {
    // Boundaries only matter on a side where the needle itself starts/ends with a term character.
    const l = new RegExp(`^${TERM}`).test(constant) ? left : "";
    const r = new RegExp(`${TERM}$`).test(constant) ? right : "";
    return sql`regexp_matches(${haystack}, ${Sql.str(`${flags}${l}${escapeRegex(constant)}${r}`)})`;
  }
  return sql`regexp_matches(${haystack}, ${Sql.str(flags + left)} || regexp_escape(${needle.sql}) || ${Sql.str(right)})`;
}

/** The value of a constant string operand, when the analyzer knows it. */
function constantString(x: Scalar & { constant?: string }): string | null {
  return x.constant ?? null;
}

/** Scalar of an operand, remembering its constant string value (for patterns). */
function operand(node: KustoNode, env: Env): Scalar & { constant?: string } {
  const s = scalar(node, env);
  if (s.type === "string" && node.IsConstant && node.ConstantValue != null)
    return { ...s, constant: String(node.ConstantValue) };
  return s;
}

function stringOperator(op: string, a: Scalar, b: Scalar & { constant?: string }, node: KustoNode): SqlNode {
  const negated = op.startsWith("!");
  const base = negated ? op.slice(1) : op;
  const cs = base.endsWith("_cs");
  const name = cs ? base.slice(0, -3) : base;
  const x = asString(a);
  const y: Scalar & { constant?: string } = { ...b, sql: asString(b) };
  const lx = cs ? x : sql`lower(${x})`;
  const ly = cs ? y.sql : sql`lower(${y.sql})`;
  let test: SqlNode;
  switch (name) {
    case "has":
      test = termMatch(x, y, "has", cs);
      break;
    case "hasprefix":
      test = termMatch(x, y, "prefix", cs);
      break;
    case "hassuffix":
      test = termMatch(x, y, "suffix", cs);
      break;
    case "contains":
      test = sql`contains(${lx}, ${ly})`;
      break;
    case "startswith":
      test = sql`starts_with(${lx}, ${ly})`;
      break;
    case "endswith":
      test = sql`ends_with(${lx}, ${ly})`;
      break;
    default:
      throw unsupported(`The operator '${op}'`, node);
  }
  return negated ? sql`(NOT ${test})` : test;
}

function arithmetic(kind: string, a: Scalar, b: Scalar, result: KustoType, node: KustoNode): SqlNode {
  const op = {
    AddExpression: "+",
    SubtractExpression: "-",
    MultiplyExpression: "*",
    DivideExpression: "/",
    ModuloExpression: "%",
  }[kind];
  if (!op) throw unsupported(`The operator '${kind}'`, node);
  if (a.type === "datetime" && b.type === "datetime" && op === "-") return diffTicks(a.sql, b.sql);
  if (a.type === "datetime" && b.type === "timespan" && (op === "+" || op === "-")) return addTicks(a.sql, b.sql, op);
  if (a.type === "timespan" && b.type === "datetime" && op === "+") return addTicks(b.sql, a.sql, "+");
  if (a.type === "timespan" || b.type === "timespan") {
    if (a.type === "timespan" && b.type === "timespan") {
      if (op === "/") return sql`(CAST(${a.sql} AS DOUBLE) / ${b.sql})`;
      return sql`(${a.sql} ${op} ${b.sql})`;
    }
    if (op === "*" || op === "/") return sql`CAST(trunc(${a.sql} ${op} ${b.sql}) AS BIGINT)`;
    throw unsupported(`'${op}' between ${a.type} and ${b.type}`, node);
  }
  if (isNumeric(a.type) && isNumeric(b.type)) {
    // Integer division truncates in Kusto; DuckDB's `//` does too (and gives null on division by zero).
    if (op === "/" && isIntegral(a.type) && isIntegral(b.type)) return sql`(${a.sql} // ${b.sql})`;
    const expr = sql`(${a.sql} ${op} ${b.sql})`;
    return result === "long" || result === "int" ? sql`CAST(${expr} AS ${duckType(result)})` : expr;
  }
  throw unsupported(`'${op}' between ${a.type} and ${b.type}`, node);
}

/** Any `BinaryExpression`. */
export function translateBinary(node: KustoNode, env: Env): Scalar {
  const kind = kindOf(node);
  const op = String(node.Operator.Text).toLowerCase();
  if (kind === "AndExpression" || kind === "OrExpression") {
    const a = scalar(node.Left, env);
    const b = scalar(node.Right, env);
    return bool(sql`(${a.sql} ${kind === "AndExpression" ? "AND" : "OR"} ${b.sql})`);
  }
  const a = scalar(node.Left, env);
  const result = scalarTypeOf(node.ResultType, node);
  switch (kind) {
    case "EqualExpression":
    case "NotEqualExpression":
    case "LessThanExpression":
    case "LessThanOrEqualExpression":
    case "GreaterThanExpression":
    case "GreaterThanOrEqualExpression": {
      const b = scalar(node.Right, env);
      const [x, y] = comparable(a, b);
      const sqlOp = {
        EqualExpression: "=",
        NotEqualExpression: "<>",
        LessThanExpression: "<",
        LessThanOrEqualExpression: "<=",
        GreaterThanExpression: ">",
        GreaterThanOrEqualExpression: ">=",
      }[kind];
      return bool(sql`(${x} ${sqlOp} ${y})`);
    }
    case "EqualTildeExpression":
    case "BangTildeExpression": {
      const b = scalar(node.Right, env);
      const eq = sql`(lower(${asString(a)}) ${kind === "EqualTildeExpression" ? "=" : "<>"} lower(${asString(b)}))`;
      return bool(eq);
    }
    case "MatchesRegexExpression": {
      const b = scalar(node.Right, env);
      return bool(sql`regexp_matches(${asString(a)}, ${b.sql})`);
    }
    case "AddExpression":
    case "SubtractExpression":
    case "MultiplyExpression":
    case "DivideExpression":
    case "ModuloExpression":
      return { sql: arithmetic(kind, a, scalar(node.Right, env), result, node), type: result };
    default:
      if (/^!?(has|hasprefix|hassuffix|contains|startswith|endswith)(_cs)?$/.test(op)) {
        return bool(stringOperator(op, a, operand(node.Right, env), node));
      }
      throw unsupported(`The operator '${op}'`, node);
  }
}

/** `-x`, `+x`, and `not` written as an operator. */
export function translateUnary(node: KustoNode, env: Env): Scalar {
  const x = scalar(node.Expression, env);
  const kind = kindOf(node);
  if (kind === "UnaryMinusExpression") return { sql: sql`(- ${x.sql})`, type: x.type };
  if (kind === "UnaryPlusExpression") return x;
  throw unsupported(`The operator '${kind}'`, node);
}

/** `x in (a, b)`, `in~`, `!in`, `!in~`, with lists of scalars, constant dynamic arrays, or a tabular subquery. */
export function translateIn(node: KustoNode, env: Env): Scalar {
  const op = String(node.Operator.Text).toLowerCase();
  const negated = op.startsWith("!");
  const ci = op.endsWith("~");
  const left = scalar(node.Left, env);
  const norm = (s: SqlNode, type: KustoType) => (ci && type === "string" ? sql`lower(${s})` : s);
  const tests: SqlNode[] = [];
  const values: SqlNode[] = [];
  for (const item of elements(node.Right.Expressions)) {
    if (item.ResultType?.Columns) {
      // The subquery reads every input row: the outer rows' result depends on rows other than their own.
      env.t.rowLocal = false;
      const rel = env.t.tabular(item);
      const col = rel.columns[0];
      if (!col) throw unsupported("An empty tabular operand of 'in'", item);
      const sub = norm(Sql.id(col.name), col.type);
      tests.push(sql`${norm(left.sql, left.type)} IN (SELECT ${sub} FROM ${Sql.id(rel.cte)})`);
      continue;
    }
    const v = scalar(item, env);
    if (v.type === "dynamic" && left.type !== "dynamic") {
      const elem = convert({ sql: Sql.raw("e"), type: "dynamic" }, left.type);
      const list = sql`list_transform(json_extract(${v.sql}, '$[*]'), e -> ${norm(elem, left.type)})`;
      tests.push(sql`list_contains(${list}, ${norm(left.sql, left.type)})`);
      continue;
    }
    const [, y] = comparable(left, v);
    values.push(norm(y, left.type));
  }
  if (values.length > 0)
    tests.push(sql`${norm(left.type === "dynamic" ? left.sql : left.sql, left.type)} IN (${Sql.join(values)})`);
  const any = tests.length === 1 ? tests[0]! : sql`(${Sql.join(tests, " OR ")})`;
  return bool(negated ? sql`(NOT ${any})` : any);
}

/** `x between (lo .. hi)`; a datetime range may end with a timespan (`dt .. 1d`). */
export function translateBetween(node: KustoNode, env: Env): Scalar {
  const x = scalar(node.Left, env);
  const lo = scalar(node.Right.First, env);
  let hi = scalar(node.Right.Second, env);
  if (x.type === "datetime" && hi.type === "timespan") hi = { sql: addTicks(lo.sql, hi.sql, "+"), type: "datetime" };
  const negated = kindOf(node) === "NotBetweenExpression";
  const test = sql`(${x.sql} BETWEEN ${lo.sql} AND ${hi.sql})`;
  return bool(negated ? sql`(NOT ${test})` : test);
}
