/** Statements before the query: `let` (scalars and tables), `declare query_parameters`, harmless `set` options. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { LQ, QueryError, unsupported } from "./errors";
import { literalFromText } from "./literals";
import type { Scalar, Translator } from "./relation";
import { scalar } from "./scalar";
import { convert } from "./conversions";
import { Sql } from "./sql";
import { elements, scalarTypeOf, typeOf } from "./tree";
import type { KustoType } from "./types";

/** `set` options that change nothing in the answer of the local engine. */
const IGNORED_OPTIONS = new Set(["notruncation", "truncationmaxrecords", "truncationmaxsize", "servertimeout"]);

/**
 * Runs the statements of a query block or function body and returns the result expression: the expression
 * statement's, or `finalExpression` (a function body keeps its result outside the statement list).
 */
export function runStatements(statements: KustoNode[], t: Translator, finalExpression?: KustoNode): KustoNode {
  let result: KustoNode | null = finalExpression ?? null;
  for (const st of statements) {
    switch (typeOf(st)) {
      case "LetStatement":
        bindLet(st, t);
        break;
      case "QueryParametersStatement":
        for (const p of elements(st.Parameters)) declareParameter(p, t);
        break;
      case "SetOptionStatement": {
        const name = String(st.Name?.SimpleName ?? st.Name?.ToString?.() ?? "")
          .trim()
          .toLowerCase();
        if (!IGNORED_OPTIONS.has(name)) throw unsupported(`The option 'set ${name}'`, st, LQ.unsupportedStatement);
        break;
      }
      case "ExpressionStatement":
        if (result) throw unsupported("A query with several result sets", st, LQ.unsupportedStatement);
        result = st.Expression;
        break;
      default:
        throw unsupported(`The statement '${typeOf(st)}'`, st, LQ.unsupportedStatement);
    }
  }
  if (!result) throw unsupported("A query without a tabular expression", undefined, LQ.unsupportedStatement);
  return result;
}

function bindLet(st: KustoNode, t: Translator): void {
  const name = String(st.Name.SimpleName);
  const expr = st.Expression;
  // `let f = (x:long) { … }` is expanded at each call by the analyzer; nothing to bind.
  if (typeOf(expr) === "FunctionDeclaration") return;
  if (expr.ResultType?.Columns) {
    t.bind(name, { kind: "tabular", value: t.tabular(expr) });
    return;
  }
  t.bind(name, { kind: "scalar", value: scalar(expr, { t, row: null }) });
}

/** A request parameter in the declared type: JS numbers/booleans directly, text with the KQL literal rules. */
function requestParameter(name: string, type: KustoType, value: unknown, node: KustoNode): Scalar {
  const bad = () =>
    new QueryError(
      `Query parameter '${name}' cannot be read as ${type}`,
      LQ.badParameter,
      "General_BadRequest",
      node.TextStart,
      node.Width,
    );
  if (value === null)
    return (
      literalFromText(type, "null") ??
      (() => {
        throw bad();
      })()
    );
  if (type === "string") return { sql: Sql.param(typeof value === "string" ? value : JSON.stringify(value)), type };
  if (type === "dynamic") {
    const text =
      typeof value === "string" ? value.replace(/^\s*dynamic\s*\(([\s\S]*)\)\s*$/, "$1") : JSON.stringify(value);
    const lit = literalFromText("dynamic", text);
    if (!lit) throw bad();
    return lit;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    if (type === "real") return { sql: Sql.real(Number(value)), type };
    if (type === "timespan" || type === "datetime") throw bad();
    const lit = literalFromText(type, String(value));
    if (!lit) throw bad();
    return lit;
  }
  if (typeof value === "boolean") return { sql: Sql.raw(value ? "TRUE" : "FALSE"), type: "bool" };
  if (typeof value !== "string") throw bad();
  // Text: a KQL literal (`datetime(…)`, `10m`, `42`) or a bare value converted with the to<type>() rules.
  const lit = type === "timespan" ? null : literalFromText(type, value);
  if (lit) return lit;
  return {
    sql: convert({ sql: Sql.param(value.replace(/^\s*[a-z]+\s*\(([\s\S]*)\)\s*$/i, "$1")), type: "string" }, type),
    type,
  };
}

function declareParameter(p: KustoNode, t: Translator): void {
  const decl = p.NameAndType;
  const name = String(decl.Name.SimpleName);
  const type = scalarTypeOf(decl.Name.ResultType ?? decl.Name.ReferencedSymbol?.Type, p);
  t.declared.set(name, type);
  if (Object.prototype.hasOwnProperty.call(t.ctx.parameters, name)) {
    t.bind(name, { kind: "scalar", value: requestParameter(name, type, t.ctx.parameters[name], p) });
    return;
  }
  const def = p.DefaultValue?.Value;
  if (def) {
    t.bind(name, { kind: "scalar", value: scalar(def, { t, row: null }) });
    return;
  }
  throw new QueryError(
    `Query parameter '${name}' was declared but not supplied`,
    LQ.badParameter,
    "General_BadRequest",
    p.TextStart,
    p.Width,
  );
}
