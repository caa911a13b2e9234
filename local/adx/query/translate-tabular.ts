/** Tabular expressions: table and `let` references, function calls, and the operator pipeline (one CTE each). */
import type { KustoNode } from "@/local/adx/kusto/language";

import { LQ, unsupported, unsupportedOperator } from "./errors";
import { expandCall } from "./expand";
import { INGESTION_TIME, type Relation, type Translator } from "./relation";
import { Sql, sql } from "./sql";
import { columnsOf, textOf, typeOf } from "./tree";
import { translateFilter } from "./translate-filter";
import { translateGetSchema, translatePrint } from "./translate-misc";
import { translateMvExpand } from "./translate-mv-expand";
import { remap, translateExtend, translateProject } from "./translate-project";
import { translateSort, translateTake, translateTop } from "./translate-sort";
import { translateCount, translateDistinct, translateSummarize } from "./translate-summarize";
import { translateUnion } from "./translate-union";

/** Rows of a stored table, through the engine's source (which may be only the newly ingested rows). */
function tableReference(node: KustoNode, name: string, t: Translator): Relation {
  const cols = columnsOf(node);
  const items = [...cols.map((c) => Sql.id(c.name)), Sql.id(INGESTION_TIME)];
  return t.add(sql`SELECT ${Sql.join(items)} FROM ${Sql.raw(t.ctx.tableSource(name))}`, cols, true, name);
}

export function translateTabular(node: KustoNode, t: Translator): Relation {
  const type = typeOf(node);
  switch (type) {
    case "PipeExpression":
      return translateOperator(node.Operator, translateTabular(node.Expression, t), t);
    case "ParenthesizedExpression":
      return translateTabular(node.Expression, t);
    case "NameReference": {
      const symbol = node.ReferencedSymbol;
      const kind = symbol ? typeOf(symbol) : "";
      const name = String(node.SimpleName);
      if (kind === "TableSymbol") return tableReference(node, String(symbol.Name), t);
      const bound = t.lookup(name);
      if (bound?.kind === "tabular") return bound.value;
      if (kind === "FunctionSymbol") return tabularCall(node, t);
      throw unsupported(`The tabular reference '${name}'`, node);
    }
    case "FunctionCallExpression":
      return tabularCall(node, t);
    case "CustomCommand":
      return commandReference(node, t);
    default:
      if (type.endsWith("Operator")) return translateOperator(node, null, t);
      throw unsupported(`The tabular expression '${type}'`, node);
  }
}

/** The result of the control command a piped command starts with, through the engine's source for it. */
function commandReference(node: KustoNode, t: Translator): Relation {
  const source = t.ctx.commandSource?.(textOf(node));
  if (!source) throw unsupported("A control command in a query", node, LQ.unsupportedStatement);
  const cols = columnsOf(node);
  return t.add(sql`SELECT ${Sql.join(cols.map((c) => Sql.id(c.name)))} FROM ${Sql.raw(source)}`, cols, false);
}

function tabularCall(node: KustoNode, t: Translator): Relation {
  const out = expandCall(node, { t, row: null });
  if (out.kind !== "tabular") throw unsupported("A scalar function used as a table", node);
  return out.value;
}

/** The keyword of an operator as written (`join`, `make-series`), for error messages. */
function keywordOf(op: KustoNode): string {
  for (let i = 0; i < op.ChildCount; i++) {
    const c = op.GetChild(i);
    if (c?.IsToken && c.Text) return String(c.Text);
  }
  return typeOf(op)
    .replace(/Operator$/, "")
    .toLowerCase();
}

/**
 * Operators whose output rows each come from one input row and depend on nothing else (so running them over the
 * union of several batches gives the union of their results per batch). `sort` reorders, which a table ignores.
 */
const ROW_LOCAL_OPERATORS = new Set([
  "FilterOperator",
  "ProjectOperator",
  "ExtendOperator",
  "ProjectAwayOperator",
  "ProjectKeepOperator",
  "ProjectRenameOperator",
  "ProjectReorderOperator",
  "MvExpandOperator",
  "SortOperator",
]);

function translateOperator(op: KustoNode, input: Relation | null, t: Translator): Relation {
  const type = typeOf(op);
  if (!ROW_LOCAL_OPERATORS.has(type)) t.rowLocal = false;
  if (type === "PrintOperator") return translatePrint(op, t);
  if (type === "UnionOperator") return translateUnion(op, input, t);
  if (!input) throw unsupportedOperator(keywordOf(op), op);
  switch (type) {
    case "FilterOperator":
      return translateFilter(op, input, t);
    case "ProjectOperator":
      return translateProject(op, input, t);
    case "ExtendOperator":
      return translateExtend(op, input, t);
    case "ProjectAwayOperator":
    case "ProjectKeepOperator":
    case "ProjectRenameOperator":
    case "ProjectReorderOperator":
      return remap(op, input, t);
    case "MvExpandOperator":
      return translateMvExpand(op, input, t);
    case "SummarizeOperator":
      return translateSummarize(op, input, t);
    case "CountOperator":
      return translateCount(op, input, t);
    case "DistinctOperator":
      return translateDistinct(op, input, t);
    case "SortOperator":
      return translateSort(op, input, t);
    case "TopOperator":
      return translateTop(op, input, t);
    case "TakeOperator":
      return translateTake(op, input, t);
    case "GetSchemaOperator":
      return translateGetSchema(op, input, t);
    default:
      throw unsupportedOperator(keywordOf(op), op);
  }
}
