/**
 * Many constant paths into one dynamic column within one operator — the shape of the generated update-policy
 * functions (`project A=tostring(Properties.A), B=tolong(Properties.B), …`, up to ~70 columns). Each single-path
 * `json_extract(P, '$.A')` parses the whole JSON text of P again; DuckDB's list form `json_extract(P, ['$.A', …])`
 * parses it once per row and gives a JSON list whose element i is exactly what the single-path call gives (missing →
 * NULL, same text). So the operator's expressions refer to their paths lazily, and once all of them are translated,
 * every column read through two or more distinct paths gets a CTE in front of the operator that adds the list; the
 * others keep the single-path call.
 */
import { extractPath, pathText, type PathStep } from "./dynamic";
import { passIngestionTime, selectFrom, type Relation, type Translator } from "./relation";
import { Sql, sql, type SqlNode } from "./sql";

/** A single path gains nothing from a list. */
const MIN_PATHS = 2;

/** Collects the constant paths an operator reads from its input's dynamic columns. */
export class PathBatch {
  /** Column → its distinct path texts, in order of first use (list index = position + 1). */
  private readonly columns = new Map<string, string[]>();
  /** Column → the hidden column holding its list; null until `wrap` decided. */
  private lists: Map<string, string> | null = null;

  /** `column` (a dynamic column of the input row) at a constant path. */
  ref(column: string, steps: readonly PathStep[]): SqlNode {
    const path = pathText(steps);
    let paths = this.columns.get(column);
    if (!paths) this.columns.set(column, (paths = []));
    let at = paths.indexOf(path);
    if (at < 0) at = paths.push(path) - 1;
    const index = at + 1;
    return Sql.lazy(() => {
      const list = this.lists?.get(column);
      return list ? sql`${Sql.id(list)}[${Sql.int(index)}]` : extractPath(Sql.id(column), steps);
    });
  }

  /**
   * The relation the operator must read instead of `input`: `input` itself, or a CTE passing its columns plus one
   * path list per batched column. Call once, after every expression of the operator was translated.
   */
  wrap(input: Relation, t: Translator): Relation {
    const lists = new Map<string, string>();
    const items: SqlNode[] = [];
    for (const [column, paths] of this.columns) {
      if (paths.length < MIN_PATHS) continue;
      // `$` names are the translator's own hidden columns (as `$ingestion_time`); never in the operator's output.
      const name = `$paths${lists.size}`;
      lists.set(column, name);
      items.push(sql`json_extract(${Sql.id(column)}, [${Sql.join(paths.map((p) => Sql.str(p)))}]) AS ${Sql.id(name)}`);
    }
    this.lists = lists;
    if (items.length === 0) return input;
    const pass = [...input.columns.map((c) => Sql.id(c.name)), ...passIngestionTime(input)];
    return t.add(selectFrom([...pass, ...items], input), input.columns, input.ingestionTime);
  }
}
