/** Shapes a translated scalar into the exact column type the analyzer declared. */
import { convert } from "./conversions";
import type { Scalar } from "./relation";
import { sql, type SqlNode } from "./sql";
import { duckType, isNumeric, type KustoType } from "./types";

/** The SQL of `s` as a column of Kusto type `type` (strings never null; numeric widths as declared). */
export function materialize(s: Scalar, type: KustoType): SqlNode {
  if (s.type === type) {
    if (type === "string" && s.sql.kind !== "Identifier" && !neverNull(s.sql)) return sql`COALESCE(${s.sql}, '')`;
    return s.sql;
  }
  if (isNumeric(s.type) && isNumeric(type)) return sql`CAST(${s.sql} AS ${duckType(type)})`;
  return convert(s, type);
}

/** Whether SQL is already `COALESCE(…)`-wrapped (conversions to string are). */
function neverNull(node: SqlNode): boolean {
  const first = node.kind === "Concat" ? node.parts[0] : node;
  return first?.kind === "Raw" && first.text.startsWith("COALESCE(");
}
