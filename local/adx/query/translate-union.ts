/** `union [withsource=Col] A, B, …`: legs aligned to the analyzer's unified columns, missing ones null. */
import type { KustoNode } from "@/local/adx/kusto/language";

import type { Relation, Translator } from "./relation";
import { INGESTION_TIME } from "./relation";
import { Sql, sql } from "./sql";
import { columnsOf, elements, namedParameters, originalColumnsOf, typeOf } from "./tree";
import { nullOf } from "./types";

/** The name `withsource=` reports for a leg: the table (or let/function) name, else `union_arg<i>`. */
function legName(expr: KustoNode | null, rel: Relation, i: number): string {
  if (rel.tableName) return rel.tableName;
  let e = expr;
  while (e && typeOf(e) === "ParenthesizedExpression") e = e.Expression;
  if (e && typeOf(e) === "NameReference") return String(e.SimpleName);
  if (e && typeOf(e) === "FunctionCallExpression") return String(e.Name?.SimpleName ?? `union_arg${i}`);
  return `union_arg${i}`;
}

export function translateUnion(op: KustoNode, input: Relation | null, t: Translator): Relation {
  const out = columnsOf(op);
  const sourceParam = namedParameters(op).get("withsource");
  const sourceColumn = sourceParam
    ? String(sourceParam.SimpleName ?? sourceParam.Name?.SimpleName ?? sourceParam.ToString()).trim()
    : null;
  const legs: { expr: KustoNode | null; rel: Relation }[] = [];
  if (input) legs.push({ expr: null, rel: input });
  for (const e of elements(op.Expressions)) legs.push({ expr: e, rel: t.tabular(e) });
  const withIngestion = legs.every((l) => l.rel.ingestionTime);
  const selects = legs.map(({ expr, rel }, i) => {
    const items = out.map((c) => {
      if (c.name === sourceColumn && c.type === "string")
        return sql`${Sql.param(legName(expr, rel, i))} AS ${Sql.id(c.name)}`;
      const originals = originalColumnsOf(c.symbol);
      const src =
        rel.columns.find((x) => x.symbol === c.symbol) ??
        rel.columns.find((x) => originals.includes(x.symbol)) ??
        rel.columns.find((x) => x.name === c.name && x.type === c.type);
      return src ? sql`${Sql.id(src.name)} AS ${Sql.id(c.name)}` : sql`${nullOf(c.type)} AS ${Sql.id(c.name)}`;
    });
    if (withIngestion) items.push(Sql.id(INGESTION_TIME));
    return sql`SELECT ${Sql.join(items)} FROM ${Sql.id(rel.cte)}`;
  });
  return t.add(Sql.join(selects, "\nUNION ALL\n"), out, withIngestion);
}
