/** `project`, `extend`, `project-away`, `project-keep`, `project-rename`, `project-reorder`. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { LQ, QueryError, unsupported } from "./errors";
import { materialize } from "./materialize";
import { PathBatch } from "./path-batch";
import { passIngestionTime, selectFrom, type Relation, type Translator } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql, type SqlNode } from "./sql";
import { columnsOf, elements, expressionResultName, originalColumnsOf, typeOf, type ColumnInfo } from "./tree";

/** Input column for an output column: same symbol, or the symbol it was renamed from, or the same name. */
export function sourceColumn(input: Relation, out: ColumnInfo): ColumnInfo | undefined {
  const bySymbol = input.columns.find((c) => c.symbol === out.symbol);
  if (bySymbol) return bySymbol;
  const originals = originalColumnsOf(out.symbol);
  const byOriginal = input.columns.find((c) => originals.includes(c.symbol));
  return byOriginal ?? input.columns.find((c) => c.name === out.name && c.type === out.type);
}

/** A CTE that renames/reorders/drops input columns to the analyzer's output list. */
export function remap(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  const items = out.map((c) => {
    const src = sourceColumn(input, c);
    if (!src)
      throw new QueryError(
        `Internal: no source for column '${c.name}'`,
        LQ.internal,
        "General_BadRequest",
        op.TextStart,
        op.Width,
      );
    return src.name === c.name ? Sql.id(c.name) : sql`${Sql.id(src.name)} AS ${Sql.id(c.name)}`;
  });
  return t.add(selectFrom([...items, ...passIngestionTime(input)], input), out, input.ingestionTime);
}

/** `project a, b = expr, …`: one output column per expression, in order. */
export function translateProject(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  const exprs = elements(op.Expressions);
  if (exprs.length !== out.length) throw unsupported("This form of 'project'", op, LQ.unsupportedOperator);
  const env = { t, row: input, paths: new PathBatch() };
  const items = exprs.map((e, i) => {
    if (typeOf(e) === "CompoundNamedExpression") throw unsupported("Tuple names in 'project'", e);
    const col = out[i]!;
    return sql`${materialize(scalar(e, env), col.type)} AS ${Sql.id(col.name)}`;
  });
  env.paths.takeFusion(input, items);
  const from = env.paths.wrap(input, t);
  return t.add(selectFrom([...items, ...passIngestionTime(input)], from), out, input.ingestionTime);
}

/** Names referenced anywhere inside an expression. */
function referencedNames(e: KustoNode): Set<string> {
  const names = new Set<string>();
  e.WalkElements((x: KustoNode) => {
    if (!x.IsToken && typeOf(x) === "NameReference") names.add(String(x.SimpleName));
  });
  return names;
}

/**
 * `extend`: new columns appended, existing names replaced in place (the analyzer's list says where). A later
 * expression may use a column an earlier one defined (`extend a = 1, b = a + 1`); then each is its own CTE.
 */
export function translateExtend(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  const inputNames = new Set(input.columns.map((c) => c.name));
  const named: { name: string; expr: KustoNode }[] = [];
  const unnamed: KustoNode[] = [];
  for (const e of elements(op.Expressions)) {
    if (typeOf(e) === "CompoundNamedExpression") throw unsupported("Tuple names in 'extend'", e);
    const name = typeOf(e) === "SimpleNamedExpression" ? String(e.Name.SimpleName) : expressionResultName(e);
    if (name) named.push({ name, expr: e });
    else unnamed.push(e);
  }
  // Unnamed expressions take the analyzer's generated names (Column1, …) in order.
  const generated = out.filter((c) => !inputNames.has(c.name) && !named.some((n) => n.name === c.name));
  unnamed.forEach((e, i) => {
    const c = generated[i];
    if (!c)
      throw new QueryError(
        "Internal: extend column count mismatch",
        LQ.internal,
        "General_BadRequest",
        op.TextStart,
        op.Width,
      );
    named.push({ name: c.name, expr: e });
  });
  const dependent = named.some(
    (n, i) => i > 0 && [...referencedNames(n.expr)].some((r) => named.slice(0, i).some((p) => p.name === r)),
  );
  const stages = dependent ? named.map((n) => [n]) : [named];
  let rel = input;
  for (const stage of stages) {
    const env = { t, row: rel, paths: new PathBatch() };
    const computed = new Map<string, SqlNode>();
    const cols: ColumnInfo[] = [...rel.columns];
    for (const { name, expr } of stage) {
      const s = scalar(expr, env);
      const target = out.find((c) => c.name === name);
      const info: ColumnInfo = target ?? { name, type: s.type, symbol: null };
      computed.set(name, materialize(s, info.type));
      const at = cols.findIndex((c) => c.name === name);
      if (at >= 0) cols[at] = info;
      else cols.push(info);
    }
    const items = cols.map((c) => {
      const expr = computed.get(c.name);
      return expr ? sql`${expr} AS ${Sql.id(c.name)}` : Sql.id(c.name);
    });
    const from = env.paths.wrap(rel, t);
    rel = t.add(selectFrom([...items, ...passIngestionTime(rel)], from), cols, rel.ingestionTime);
  }
  const sameOrder = rel.columns.length === out.length && rel.columns.every((c, i) => c.name === out[i]!.name);
  return sameOrder ? { ...rel, columns: out } : remap(op, rel, t);
}
