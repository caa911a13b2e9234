/** Scalar expressions: the visitor that turns an analysed Kusto expression into typed DuckDB SQL. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { unsupported } from "./errors";
import { extractDynamicKey, extractPath, type PathStep } from "./dynamic";
import { translateDynamicLiteral, translateLiteral } from "./literals";
import { INGESTION_TIME, type Env, type Scalar } from "./relation";
import { translateBetween, translateBinary, translateIn, translateUnary } from "./scalar-operators";
import { translateCall } from "./scalar-functions";
import { Sql } from "./sql";
import { kindOf, scalarTypeOf, typeOf } from "./tree";
import { nullOf } from "./types";

/** Translates one scalar expression evaluated over `env.row`. */
export function scalar(node: KustoNode, env: Env): Scalar {
  switch (typeOf(node)) {
    case "LiteralExpression":
      return translateLiteral(node);
    case "DynamicExpression":
      return translateDynamicLiteral(node);
    case "ParenthesizedExpression":
    case "SimpleNamedExpression":
      return scalar(node.Expression, env);
    case "NameReference":
      return nameReference(node, env);
    case "PathExpression":
    case "ElementExpression":
      return pathAccess(node, env);
    case "BinaryExpression":
      return translateBinary(node, env);
    case "PrefixUnaryExpression":
      return translateUnary(node, env);
    case "InExpression":
      return translateIn(node, env);
    case "BetweenExpression":
      return translateBetween(node, env);
    case "FunctionCallExpression":
      return translateCall(node, env);
    default:
      throw unsupported(`The expression '${kindOf(node)}'`, node);
  }
}

function nameReference(node: KustoNode, env: Env): Scalar {
  const symbol = node.ReferencedSymbol;
  const symbolType = symbol ? typeOf(symbol) : "";
  const name = String(node.SimpleName);
  if (symbolType === "ColumnSymbol") {
    if (!env.row) throw unsupported(`A column reference ('${name}') outside a row context`, node);
    return { sql: Sql.id(name), type: scalarTypeOf(node.ResultType, node) };
  }
  const bound = env.t.lookup(name);
  if (bound?.kind === "scalar") return bound.value;
  if (bound?.kind === "tabular") throw unsupported(`Using the tabular value '${name}' as a scalar`, node);
  if (symbolType === "FunctionSymbol") return translateCall(node, env);
  throw unsupported(`The name '${name}' here`, node);
}

function isColumnReference(node: KustoNode): boolean {
  const symbol = node.ReferencedSymbol;
  return typeOf(node) === "NameReference" && !!symbol && typeOf(symbol) === "ColumnSymbol";
}

/** The hidden ingestion time of the current row, or null once rows were aggregated (as in Kusto). */
export function ingestionTime(env: Env): Scalar {
  return env.row?.ingestionTime
    ? { sql: Sql.id(INGESTION_TIME), type: "datetime" }
    : { sql: nullOf("datetime"), type: "datetime" };
}

/** A constant selector: `"key"` → key, `0`/`-1` → index; null when computed at run time. */
function constantStep(selector: KustoNode): PathStep | null {
  if (typeOf(selector) === "NameReference") return { key: String(selector.SimpleName) };
  if (typeOf(selector) === "BracketedName" || typeOf(selector) === "BracketedExpression") {
    const inner = selector.Expression ?? selector.Name;
    if (inner && inner.IsConstant) {
      const v = inner.ConstantValue;
      const t = String(inner.ResultType?.Name ?? "");
      if (t === "string") return { key: String(v) };
      if ((t === "long" || t === "int") && v != null && /^-?\d+$/.test(String(v))) return { index: Number(String(v)) };
    }
    if (inner && typeOf(inner) === "LiteralExpression" && kindOf(inner) === "StringLiteralExpression") {
      return { key: String(inner.LiteralValue) };
    }
  }
  return null;
}

/** `d.a.b`, `d["a"]`, `arr[0]`, `arr[-1]`: consecutive constant steps fold into one JSON path. */
function pathAccess(node: KustoNode, env: Env): Scalar {
  const steps: PathStep[] = [];
  let cur = node;
  while (typeOf(cur) === "PathExpression" || typeOf(cur) === "ElementExpression") {
    const step = constantStep(cur.Selector);
    if (!step) break;
    steps.unshift(step);
    cur = cur.Expression;
  }
  if (cur === node) {
    // Computed selector: translate the base, then extract with the key computed per row.
    const base = scalar(node.Expression, env);
    const keyNode = node.Selector.Expression;
    const key = scalar(keyNode, env);
    if (base.type !== "dynamic") throw unsupported("Indexing a non-dynamic value", node);
    return { sql: extractDynamicKey(base.sql, key.sql, key.type !== "string"), type: "dynamic" };
  }
  const base = scalar(cur, env);
  if (base.type !== "dynamic") throw unsupported(`A path into a '${base.type}' value`, node);
  if (env.paths && env.row && base.sql.kind === "Identifier" && isColumnReference(cur)) {
    return { sql: env.paths.ref(base.sql.name, steps), type: "dynamic" };
  }
  return { sql: extractPath(base.sql, steps), type: "dynamic" };
}
