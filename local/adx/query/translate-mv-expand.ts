/**
 * `mv-expand`: one row per element of a dynamic array (or per key of a bag), other columns repeated. Several
 * expressions expand in lockstep, the shorter padded with nulls — exactly what several `unnest()` calls in one
 * DuckDB SELECT do. A null value gives one row with null; an empty array gives no row.
 */
import type { KustoNode } from "@/local/adx/kusto/language";

import { convert } from "./conversions";
import { constantPathOf, expansionList, pathExpansionList } from "./dynamic";
import { unsupported } from "./errors";
import { type ExpandFusion, expansionOf, offerFusion, singleKey } from "./expand-fusion";
import { passIngestionTime, selectFrom, type Relation, type Translator } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql, type SqlNode } from "./sql";
import { columnsOf, elements, expressionResultName, namedParameters, textOf, typeOf } from "./tree";
import type { KustoType } from "./types";

/** `to typeof(long)` casts each element; it does not parse, so the string "2" becomes null. */
function castElement(value: SqlNode, to: KustoType): SqlNode {
  const t = sql`json_type(${value})`;
  const converted = convert({ sql: value, type: "dynamic" }, to);
  switch (to) {
    case "dynamic":
      return value;
    case "string":
      return sql`CASE WHEN ${t} = 'VARCHAR' THEN ${converted} ELSE '' END`;
    case "long":
    case "int":
    case "real":
    case "decimal":
      return sql`CASE WHEN ${t} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN ${converted} END`;
    case "bool":
      return sql`CASE WHEN ${t} = 'BOOLEAN' THEN ${converted} END`;
    default:
      return converted;
  }
}

const TYPE_ALIASES: Readonly<Record<string, KustoType>> = {
  string: "string",
  long: "long",
  int: "int",
  real: "real",
  double: "real",
  bool: "bool",
  boolean: "bool",
  datetime: "datetime",
  date: "datetime",
  timespan: "timespan",
  time: "timespan",
  guid: "guid",
  dynamic: "dynamic",
  decimal: "decimal",
};

/** The scalar type named by `typeof(long)`. */
function typeOfLiteral(node: KustoNode): KustoType {
  const m = /typeof\s*\(\s*(\w+)\s*\)/i.exec(textOf(node));
  const t = m ? TYPE_ALIASES[m[1]!.toLowerCase()] : undefined;
  if (!t) throw unsupported(`mv-expand ${textOf(node)}`, node);
  return t;
}

/**
 * The fusion this expansion can offer (expand-fusion.ts): one untyped expansion of a plain key path, read by nothing
 * but the `project` piped right after it (so no `let` or other operator can see the expanded column).
 */
function fusable(
  op: KustoNode,
  values: readonly { name: string; value: SqlNode; to: KustoType | null }[],
  direct: { readonly base: SqlNode; readonly path: string } | null,
  extras: boolean,
  bagKind: "bag" | "array",
): ExpandFusion | null {
  const only = values[0];
  if (!direct || extras || values.length !== 1 || !only || only.to) return null;
  const key = singleKey(direct.path);
  const pipe = op.Parent;
  const next = pipe?.Parent;
  const piped = pipe && typeOf(pipe) === "PipeExpression" && pipe.Operator === op;
  if (!key || !piped || !next || typeOf(next) !== "PipeExpression" || next.Expression !== pipe) return null;
  if (typeOf(next.Operator) !== "ProjectOperator") return null;
  return { column: only.name, base: direct.base, path: direct.path, key, bagKind, keys: null };
}

export function translateMvExpand(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  const params = namedParameters(op);
  const kindParam = params.get("kind");
  const bagKind = kindParam && /array/i.test(String(kindParam.ToString())) ? "array" : "bag";
  const indexName = params.get("with_itemindex");
  const env = { t, row: input };
  const limit = op.RowLimitClause?.RowLimit ? scalar(op.RowLimitClause.RowLimit, { t, row: null }).sql : null;

  // Computed values (e.g. `Raw.records`) go to a CTE first, so the expansion reads each JSON value once.
  const values: { name: string; value: SqlNode; to: KustoType | null }[] = [];
  for (const mx of elements(op.Expressions)) {
    const e = mx.Expression;
    const name = typeOf(e) === "SimpleNamedExpression" ? String(e.Name.SimpleName) : expressionResultName(e);
    if (!name) throw unsupported("An mv-expand expression without a name", e);
    const value = scalar(e, env);
    if (value.type !== "dynamic") throw unsupported(`mv-expand of a ${value.type} value`, e);
    const to = mx.ToTypeOf ? typeOfLiteral(mx.ToTypeOf.TypeOf) : null;
    values.push({ name, value: value.sql, to });
  }
  // One expansion of a constant path (`mv-expand Raw.records`) reads the path in place (see pathExpansionList).
  const direct = values.length === 1 && !indexName ? constantPathOf(values[0]!.value) : null;
  const computed = direct ? [] : values.filter((v) => v.value.kind !== "Identifier");
  let source = input;
  if (computed.length > 0) {
    const pre = [
      ...input.columns.map((c) => Sql.id(c.name)),
      ...values.map((v, i) => sql`${v.value} AS ${Sql.id(`_mv${i}`)}`),
      ...passIngestionTime(input),
    ];
    source = t.add(selectFrom(pre, input), input.columns, input.ingestionTime);
  }
  const expansions = new Map<string, { list: SqlNode; to: KustoType | null }>();
  for (const [i, { name, value, to }] of values.entries()) {
    const ref = computed.length > 0 ? Sql.id(`_mv${i}`) : value;
    let list = direct ? pathExpansionList(direct.base, direct.path, bagKind) : expansionList(ref, bagKind);
    if (limit) list = sql`${list}[1:${limit}]`;
    expansions.set(name, { list, to });
  }
  const lists = [...expansions.values()].map((x) => x.list);
  const indexList =
    lists.length === 1
      ? sql`range(0, len(${lists[0]!}))`
      : sql`range(0, greatest(${Sql.join(lists.map((l) => sql`len(${l})`))}))`;
  const indexCol = indexName
    ? String(indexName.SimpleName ?? indexName.Name?.SimpleName ?? indexName.ToString()).trim()
    : null;

  const fusion = fusable(op, values, direct, !!indexName || !!limit, bagKind);
  const items = out.map((c) => {
    const x = expansions.get(c.name);
    if (x && fusion) return sql`unnest(${Sql.lazy(() => expansionOf(fusion))}) AS ${Sql.id(c.name)}`;
    if (x) return sql`unnest(${x.list}) AS ${Sql.id(c.name)}`;
    if (c.name === indexCol) return sql`unnest(${indexList}) AS ${Sql.id(c.name)}`;
    return Sql.id(c.name);
  });
  const expanded = t.add(selectFrom([...items, ...passIngestionTime(source)], source), out, source.ingestionTime);
  if (fusion) offerFusion(expanded, fusion);
  const typed = [...expansions.entries()].filter(([, x]) => x.to && x.to !== "dynamic");
  if (typed.length === 0) return expanded;
  const casts = out.map((c) => {
    const x = expansions.get(c.name);
    return x?.to && x.to !== "dynamic"
      ? sql`${castElement(Sql.id(c.name), x.to)} AS ${Sql.id(c.name)}`
      : Sql.id(c.name);
  });
  return t.add(selectFrom([...casts, ...passIngestionTime(expanded)], expanded), out, expanded.ingestionTime);
}
