/** `summarize`, `count`, `distinct`: a grouping CTE with internal names, then a CTE with the analyzer's names. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { aggregateCall } from "./aggregates";
import { LQ, QueryError, unsupported } from "./errors";
import { materialize } from "./materialize";
import { selectFrom, type Relation, type Translator } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql, type SqlNode } from "./sql";
import { columnsOf, elements, typeOf } from "./tree";

const mismatch = (op: KustoNode) =>
  new QueryError(
    "Internal: summarize column count mismatch",
    LQ.internal,
    "General_BadRequest",
    op.TextStart,
    op.Width,
  );

export function translateSummarize(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  const env = { t, row: input };
  if (op.ByClause?.BinClause) throw unsupported("summarize … by … bin=", op);
  const keys = elements(op.ByClause?.Expressions);
  const keyItems: SqlNode[] = [];
  const finalItems: SqlNode[] = [];
  keys.forEach((k, i) => {
    const col = out[i];
    if (!col) throw mismatch(op);
    if (typeOf(k) === "CompoundNamedExpression") throw unsupported("Tuple names in 'summarize'", k);
    keyItems.push(sql`${materialize(scalar(k, env), col.type)} AS ${Sql.id(`_k${i}`)}`);
    finalItems.push(sql`${Sql.id(`_k${i}`)} AS ${Sql.id(col.name)}`);
  });
  const keyNames = new Set(out.slice(0, keys.length).map((c) => c.name));
  const aggItems: SqlNode[] = [];
  let next = keys.length;
  for (const e of elements(op.Aggregates)) {
    if (typeOf(e) === "CompoundNamedExpression") throw unsupported("Tuple names in 'summarize'", e);
    const call = typeOf(e) === "SimpleNamedExpression" ? e.Expression : e;
    const agg = aggregateCall(call, env, out.slice(next), input.columns, keyNames);
    const refs = agg.aggregates.map((a) => {
      const name = `_a${aggItems.length}`;
      aggItems.push(sql`${a} AS ${Sql.id(name)}`);
      return Sql.id(name);
    });
    for (const output of agg.outputs) {
      const col = out[next++];
      if (!col) throw mismatch(op);
      finalItems.push(sql`${output(refs, col.type)} AS ${Sql.id(col.name)}`);
    }
  }
  if (next !== out.length) throw mismatch(op);
  const groupBy = keys.length ? sql` GROUP BY ${Sql.join(keys.map((_, i) => Sql.raw(String(i + 1))))}` : Sql.raw("");
  const items = [...keyItems, ...aggItems];
  const grouped = t.add(sql`${selectFrom(items.length ? items : [Sql.raw("1 AS _one")], input)}${groupBy}`, [], false);
  return t.add(selectFrom(finalItems, grouped), out, false);
}

export function translateCount(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  return t.add(selectFrom([sql`count(*) AS ${Sql.id(out[0]?.name ?? "Count")}`], input), out, false);
}

export function translateDistinct(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  const exprs = elements(op.Expressions);
  const star = exprs.length === 1 && typeOf(exprs[0]) === "StarExpression";
  const env = { t, row: input };
  const items = star
    ? out.map((c) => Sql.id(c.name))
    : exprs.map((e, i) => {
        const col = out[i];
        if (!col) throw mismatch(op);
        return sql`${materialize(scalar(e, env), col.type)} AS ${Sql.id(col.name)}`;
      });
  return t.add(sql`SELECT DISTINCT ${Sql.join(items)} FROM ${Sql.id(input.cte)}`, out, false);
}
