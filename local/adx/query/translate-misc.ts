/** `getschema` and `print`. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { materialize } from "./materialize";
import type { Relation, Translator } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql } from "./sql";
import { columnsOf, elements } from "./tree";
import type { KustoType } from "./types";

/** .NET type names `getschema` reports in `DataType`. */
const DOTNET: Readonly<Record<KustoType, string>> = {
  string: "System.String",
  long: "System.Int64",
  int: "System.Int32",
  real: "System.Double",
  bool: "System.SByte",
  datetime: "System.DateTime",
  timespan: "System.TimeSpan",
  guid: "System.Guid",
  dynamic: "System.Object",
  decimal: "System.Data.SqlTypes.SqlDecimal",
};

/** `T | getschema`: one row per input column (the schema is known statically; the input is never run). */
export function translateGetSchema(op: KustoNode, input: Relation, t: Translator): Relation {
  const out = columnsOf(op);
  const rows = input.columns.map(
    (c, i) => sql`(${Sql.str(c.name)}, CAST(${Sql.int(i)} AS BIGINT), ${Sql.str(DOTNET[c.type])}, ${Sql.str(c.type)})`,
  );
  const names = Sql.join(out.map((c) => Sql.id(c.name)));
  const body = rows.length
    ? sql`SELECT * FROM (VALUES ${Sql.join(rows)}) AS v(${names})`
    : sql`SELECT '' AS "ColumnName", CAST(0 AS BIGINT) AS "ColumnOrdinal", '' AS "DataType", '' AS "ColumnType" WHERE FALSE`;
  return t.add(body, out, false);
}

/** `print a = 1, 2`: one row, no input. */
export function translatePrint(op: KustoNode, t: Translator): Relation {
  const out = columnsOf(op);
  const env = { t, row: null };
  const items = elements(op.Expressions).map((e, i) => {
    const col = out[i]!;
    return sql`${materialize(scalar(e, env), col.type)} AS ${Sql.id(col.name)}`;
  });
  return t.add(sql`SELECT ${Sql.join(items)}`, out, false);
}
