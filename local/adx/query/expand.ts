/** Calls of stored and `let` functions: the analyzer's expansion of the body, with arguments bound by name. */
import type { KustoNode } from "@/local/adx/kusto/language";
import { kustoRuntime, toArray } from "@/local/adx/kusto/language";

import { unsupported } from "./errors";
import type { Binding, Env } from "./relation";
import { scalar } from "./scalar";
import { runStatements } from "./statements";
import { literalFromText } from "./literals";
import { Sql } from "./sql";
import { argumentsOf, elements, textOf, typeOf } from "./tree";
import { isKustoType } from "./types";

/** Expands a function call into its body evaluated at the call site; returns a scalar or a relation. */
export function expandCall(call: KustoNode, env: Env): Binding {
  const body = call.GetExpansion?.();
  const symbol = call.ReferencedSymbol;
  if (!body) throw unsupported(`Calling '${symbol?.Name ?? "function"}' (no expansion available)`, call);
  const signature = toArray(symbol.Signatures)[0];
  const params: KustoNode[] = toArray(signature?.Parameters);
  const args = typeOf(call) === "FunctionCallExpression" ? argumentsOf(call) : [];
  const bindings = new Map<string, Binding>();
  params.forEach((p, i) => {
    const name = String(p.Name);
    const a = args[i];
    if (a) {
      if (a.ResultType?.Columns) bindings.set(name, { kind: "tabular", value: env.t.tabular(a) });
      else bindings.set(name, { kind: "scalar", value: scalar(a, env) });
      return;
    }
    // A default value is an unanalysed literal in the signature: read its text with the declared type.
    const declared = String(toArray(p.DeclaredTypes)[0]?.Name ?? "");
    const type = isKustoType(declared) ? declared : "string";
    const text = p.DefaultValue ? textOf(p.DefaultValue) : null;
    const def =
      text === null
        ? null
        : type === "string"
          ? { sql: Sql.param(String(kustoRuntime().Kusto.Language.KustoFacts.GetStringLiteralValue(text) ?? "")), type }
          : literalFromText(type, text);
    if (def) bindings.set(name, { kind: "scalar", value: def });
  });
  return env.t.nested(bindings, () => {
    const expr =
      typeOf(body) === "FunctionBody" ? runStatements(elements(body.Statements), env.t, body.Expression) : body;
    if (expr.ResultType?.Columns) return { kind: "tabular", value: env.t.tabular(expr) };
    return { kind: "scalar", value: scalar(expr, env) };
  });
}
