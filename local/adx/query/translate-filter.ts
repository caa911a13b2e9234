/** `where`: Kusto drops rows whose predicate is false or null, as SQL's WHERE does. */
import type { KustoNode } from "@/local/adx/kusto/language";

import { passIngestionTime, selectFrom, type Relation, type Translator } from "./relation";
import { scalar } from "./scalar";
import { Sql, sql } from "./sql";

export function translateFilter(op: KustoNode, input: Relation, t: Translator): Relation {
  const cond = scalar(op.Condition, { t, row: input });
  const items = [...input.columns.map((c) => Sql.id(c.name)), ...passIngestionTime(input)];
  return t.add(selectFrom(items, input, sql`WHERE ${cond.sql}`), input.columns, input.ingestionTime, input.tableName);
}
