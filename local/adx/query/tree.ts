/** Small helpers over Kusto.Language syntax nodes and symbols (the adapter in `kusto/language.ts` loads it). */
import { kustoRuntime, nodeType, syntaxKindName, toArray, type KustoNode } from "@/local/adx/kusto/language";

import { unsupported } from "./errors";
import { isKustoType, type KustoType } from "./types";

/** The class name of a node, e.g. `FilterOperator`. */
export const typeOf = (node: KustoNode): string => nodeType(node);

/** The `SyntaxKind` name of a node, e.g. `EqualExpression`. */
export const kindOf = (node: KustoNode): string => syntaxKindName(node.Kind);

/** The elements of a syntax list, unwrapping `SeparatedElement`s. */
export function elements(list: KustoNode): KustoNode[] {
  if (list == null) return [];
  const out: KustoNode[] = [];
  for (let i = 0; i < list.ChildCount; i++) {
    const child = list.GetChild(i);
    if (child == null) continue;
    if (typeOf(child).startsWith("SeparatedElement")) out.push(child.Element);
    else if (!child.IsToken) out.push(child);
  }
  return out;
}

/** Arguments of a function call. */
export function argumentsOf(call: KustoNode): KustoNode[] {
  return elements(call.ArgumentList?.Expressions);
}

/** A column as the analyzer reports it; `symbol` keeps identity so operators can map outputs to inputs. */
export interface ColumnInfo {
  readonly name: string;
  readonly type: KustoType;
  readonly symbol: unknown;
}

/** The scalar Kusto type of an expression (or symbol type); anything unstorable is refused. */
export function scalarTypeOf(typeSymbol: KustoNode, where?: KustoNode): KustoType {
  const name = String(typeSymbol?.Name ?? "");
  if (isKustoType(name)) return name;
  throw unsupported(`A value of type '${name || "unknown"}'`, where);
}

/** The result columns of a tabular node (operator, table reference, pipe). */
export function columnsOf(node: KustoNode): ColumnInfo[] {
  const rt = node.ResultType;
  return toArray(rt?.Columns).map((c: KustoNode) => ({
    name: String(c.Name),
    type: scalarTypeOf(c.Type, node),
    symbol: c,
  }));
}

/** The original columns a column was derived from (rename, union unification). */
export function originalColumnsOf(symbol: unknown): unknown[] {
  return toArray((symbol as KustoNode)?.OriginalColumns);
}

/** The Kusto name the analyzer would give an unnamed expression in a projection (`Raw_records`, `x_y`), or null. */
export function expressionResultName(expr: KustoNode): string | null {
  const { Kusto } = kustoRuntime();
  const name = Kusto.Language.KustoFacts.GetExpressionResultName(expr, null, null);
  return name ? String(name) : null;
}

/** The source text of a node (trivia excluded), used for literals whose parsed value loses precision. */
export function textOf(node: KustoNode): string {
  return String(node.ToString(kustoRuntime().Kusto.Language.Syntax.IncludeTrivia.Minimal ?? 0));
}

/** The function name of a call expression, as written. */
export function functionNameOf(call: KustoNode): string {
  return String(call.Name?.SimpleName ?? call.ReferencedSymbol?.Name ?? "");
}

/** A named operator parameter (`withsource=`, `kind=`, `with_itemindex=`), by lower-case name. */
export function namedParameters(op: KustoNode): Map<string, KustoNode> {
  const out = new Map<string, KustoNode>();
  for (const p of elements(op.Parameters)) {
    const name = String(p.Name?.SimpleName ?? "").toLowerCase();
    if (name) out.set(name, p.Expression);
  }
  return out;
}
