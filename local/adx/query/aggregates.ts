/**
 * Aggregation functions of `summarize`. A call computes one or more aggregates in the grouping CTE and yields one or
 * more output columns computed from them in the next CTE (struct fields of `arg_max`, items of `percentiles`, JSON).
 */
import type { KustoNode } from "@/local/adx/kusto/language";

import { unsupported, unsupportedFunction } from "./errors";
import { materialize } from "./materialize";
import type { Env, Scalar } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql, type SqlNode } from "./sql";
import { argumentsOf, functionNameOf, typeOf, type ColumnInfo } from "./tree";
import { BUILDSCHEMA_FUNCTION } from "./duckdb-functions";
import type { KustoType } from "./types";

/** Output column of an aggregate call, from references to the call's aggregates. */
export type AggregateOutput = (refs: readonly SqlNode[], type: KustoType) => SqlNode;

export interface AggregateCall {
  readonly aggregates: readonly SqlNode[];
  readonly outputs: readonly AggregateOutput[];
}

/** One aggregate, one output column whose value has Kusto type `from` before shaping to the declared type. */
function single(aggregate: SqlNode, from: KustoType): AggregateCall {
  return { aggregates: [aggregate], outputs: [(refs, type) => materialize({ sql: refs[0]!, type: from }, type)] };
}

/** `make_set`/`make_list` as a JSON array; nulls are skipped and an empty group gives `[]`. */
function makeArray(x: Scalar, distinct: boolean, max: SqlNode | null): AggregateCall {
  const list = sql`list(${distinct ? "DISTINCT " : ""}${x.sql}) FILTER (WHERE ${x.sql} IS NOT NULL)`;
  const limited = max ? sql`${list}[1:${max}]` : list;
  return { aggregates: [limited], outputs: [(refs) => sql`COALESCE(to_json(${refs[0]!}), CAST('[]' AS JSON))`] };
}

/**
 * Translates one aggregate call. `outs` are the analyzer's output columns from this call's first one onwards (for
 * `arg_max(x, *)`), `input` the summarized relation's columns, `keys` the by-column names.
 */
export function aggregateCall(
  call: KustoNode,
  env: Env,
  outs: readonly ColumnInfo[],
  input: readonly ColumnInfo[],
  keys: ReadonlySet<string>,
): AggregateCall {
  if (typeOf(call) !== "FunctionCallExpression") throw unsupported("A non-aggregate expression in 'summarize'", call);
  const name = functionNameOf(call).toLowerCase();
  const args = argumentsOf(call);
  const a = (i: number): Scalar => scalar(args[i], env);
  const sumType = (t: KustoType): KustoType => (t === "int" ? "long" : t);
  switch (name) {
    case "count":
      return single(args.length ? sql`count(${a(0).sql})` : Sql.raw("count(*)"), "long");
    case "countif":
      return single(sql`count(*) FILTER (WHERE ${a(0).sql})`, "long");
    case "dcount":
      // Exact distinct count: ADX estimates (HyperLogLog), so large cardinalities may differ slightly there.
      return single(sql`count(DISTINCT ${a(0).sql})`, "long");
    case "dcountif":
      return single(sql`count(DISTINCT ${a(0).sql}) FILTER (WHERE ${a(1).sql})`, "long");
    case "sum": {
      const x = a(0);
      return single(sql`sum(${x.sql})`, sumType(x.type));
    }
    case "sumif": {
      const x = a(0);
      return single(sql`sum(${x.sql}) FILTER (WHERE ${a(1).sql})`, sumType(x.type));
    }
    case "avg":
      return single(sql`avg(${a(0).sql})`, "real");
    case "avgif":
      return single(sql`avg(${a(0).sql}) FILTER (WHERE ${a(1).sql})`, "real");
    case "min":
    case "max": {
      const x = a(0);
      // Kusto treats empty strings as null in min/max.
      const v = x.type === "string" ? sql`NULLIF(${x.sql}, '')` : x.sql;
      return single(sql`${name}(${v})`, x.type);
    }
    case "minif":
    case "maxif": {
      const x = a(0);
      return single(sql`${name.slice(0, 3)}(${x.sql}) FILTER (WHERE ${a(1).sql})`, x.type);
    }
    case "take_any":
    case "any": {
      if (args.length !== 1 || typeOf(args[0]) === "StarExpression")
        throw unsupported(`${name}() with several arguments or *`, call);
      const x = a(0);
      return single(sql`any_value(${x.sql})`, x.type);
    }
    case "stdev":
      return single(sql`stddev_samp(${a(0).sql})`, "real");
    case "variance":
      return single(sql`var_samp(${a(0).sql})`, "real");
    case "make_set":
    case "make_list":
      return makeArray(a(0), name === "make_set", args.length > 1 ? a(1).sql : null);
    case "percentile": {
      // Nearest-rank percentile: a value of the set, as ADX returns for small sets.
      const x = a(0);
      return single(sql`quantile_disc(${x.sql}, ${a(1).sql} / 100.0)`, x.type);
    }
    case "percentiles": {
      const x = a(0);
      const ps = args.slice(1).map((_, i) => sql`${a(i + 1).sql} / 100.0`);
      return {
        aggregates: [sql`quantile_disc(${x.sql}, [${Sql.join(ps)}])`],
        outputs: ps.map(
          (_, i) => (refs: readonly SqlNode[], type: KustoType) =>
            materialize({ sql: sql`${refs[0]!}[${Sql.int(i + 1)}]`, type: x.type }, type),
        ),
      };
    }
    case "buildschema": {
      // The JSON texts of the group, merged by a JS function (`duckdb-functions.ts`); no value → null.
      const x = materialize(a(0), "dynamic");
      const texts = sql`list(CAST(${x} AS VARCHAR)) FILTER (WHERE ${x} IS NOT NULL)`;
      return {
        aggregates: [texts],
        outputs: [
          (refs, type) =>
            materialize(
              { sql: sql`CAST(${Sql.raw(BUILDSCHEMA_FUNCTION)}(${refs[0]!}) AS JSON)`, type: "dynamic" },
              type,
            ),
        ],
      };
    }
    case "arg_max":
    case "arg_min":
      return argExtreme(name, call, args, env, outs, input, keys);
    default:
      throw unsupportedFunction(functionNameOf(call), call);
  }
}

/** `arg_max(by, c1, c2)` / `arg_max(by, *)`: the extreme value, then the other columns of the row holding it. */
function argExtreme(
  fn: "arg_max" | "arg_min",
  call: KustoNode,
  args: KustoNode[],
  env: Env,
  outs: readonly ColumnInfo[],
  input: readonly ColumnInfo[],
  keys: ReadonlySet<string>,
): AggregateCall {
  const by = scalar(args[0], env);
  const picked: { out: ColumnInfo; value: SqlNode }[] = [];
  if (args.slice(1).some((x) => typeOf(x) === "StarExpression")) {
    // The analyzer lists the row's columns (minus by-keys and the extreme's own column) right after the first.
    for (const out of outs.slice(1)) {
      const src =
        input.find((c) => c.symbol === out.symbol) ??
        input.find((c) => c.name === out.name && c.type === out.type && !keys.has(c.name));
      if (!src) break;
      picked.push({ out, value: Sql.id(src.name) });
    }
  } else {
    args.slice(1).forEach((x, i) => {
      const out = outs[i + 1];
      if (!out) throw unsupported(`${fn}() output columns`, call);
      picked.push({ out, value: scalar(x, env).sql });
    });
  }
  const extreme = sql`${fn === "arg_max" ? "max" : "min"}(${by.sql})`;
  if (picked.length === 0) return single(extreme, by.type);
  const fields = picked.map((p, i) => sql`${Sql.str(`f${i}`)}: ${p.value}`);
  // A struct keeps the picked values from one and the same row.
  const row = sql`${fn}({${Sql.join(fields)}}, ${by.sql})`;
  return {
    aggregates: [extreme, row],
    outputs: [
      (refs, type) => materialize({ sql: refs[0]!, type: by.type }, type),
      ...picked.map(
        (p, i) => (refs: readonly SqlNode[], type: KustoType) =>
          materialize({ sql: sql`${refs[1]!}[${Sql.str(`f${i}`)}]`, type: p.out.type }, type),
      ),
    ],
  };
}
