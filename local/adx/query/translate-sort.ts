/** `sort`/`order by`, `top`, `take`/`limit`. Kusto sorts descending by default, nulls last when descending. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { unsupported } from "./errors";
import { passIngestionTime, selectFrom, type Env, type Relation, type Translator } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql, type SqlNode } from "./sql";
import { elements, typeOf } from "./tree";

/** One ORDER BY item for a sort expression (plain or `OrderedExpression`). */
function orderItem(e: KustoNode, env: Env): SqlNode {
  let expr = e;
  let desc = true;
  let nullsFirst: boolean | null = null;
  if (typeOf(e) === "OrderedExpression") {
    expr = e.Expression;
    const ordering = e.Ordering;
    const dir = ordering?.AscOrDescKeyword?.Text;
    if (dir) desc = String(dir).toLowerCase() === "desc";
    const nulls = ordering?.NullsClause?.FirstOrLastKeyword?.Text;
    if (nulls) nullsFirst = String(nulls).toLowerCase() === "first";
  }
  const s = scalar(expr, env);
  if (s.type === "dynamic") throw unsupported("Sorting by a dynamic value", expr);
  const first = nullsFirst ?? !desc;
  return sql`${s.sql} ${desc ? "DESC" : "ASC"} NULLS ${first ? "FIRST" : "LAST"}`;
}

function rowItems(input: Relation): SqlNode[] {
  return [...input.columns.map((c) => Sql.id(c.name)), ...passIngestionTime(input)];
}

function limitOf(expr: KustoNode, env: Env): SqlNode {
  return scalar(expr, { t: env.t, row: null }).sql;
}

export function translateSort(op: KustoNode, input: Relation, t: Translator): Relation {
  const env = { t, row: input };
  const order = elements(op.Expressions).map((e) => orderItem(e, env));
  return t.add(
    selectFrom(rowItems(input), input, sql`ORDER BY ${Sql.join(order)}`),
    input.columns,
    input.ingestionTime,
  );
}

export function translateTop(op: KustoNode, input: Relation, t: Translator): Relation {
  const env = { t, row: input };
  const tail = sql`ORDER BY ${orderItem(op.ByExpression, env)} LIMIT ${limitOf(op.Expression, env)}`;
  return t.add(selectFrom(rowItems(input), input, tail), input.columns, input.ingestionTime);
}

export function translateTake(op: KustoNode, input: Relation, t: Translator): Relation {
  const tail = sql`LIMIT ${limitOf(op.Expression, { t, row: input })}`;
  return t.add(selectFrom(rowItems(input), input, tail), input.columns, input.ingestionTime, input.tableName);
}
