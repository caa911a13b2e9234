/**
 * Many constant paths into one dynamic column within one operator — the shape of the generated update-policy
 * functions (`project A=tostring(Properties.A), B=tolong(Properties.B), …`, up to ~70 columns). Each single-path
 * `json_extract(P, '$.A')` parses the whole JSON text of P again; DuckDB's list forms parse it once per row and give
 * a list whose element i is exactly what the single-path call gives (missing → NULL, same text):
 *   - `json_extract(P, ['$.A', …])`: the values as JSON, for expressions that use the dynamic value itself;
 *   - `json_extract_string(P, [...])` and `json_type(P, [...])`: the text and the JSON type, which is all a
 *     conversion reads (`tostring`, `tolong`, … see conversions.ts). Without them each conversion parses its
 *     value's JSON text once more per call — for a 66-column policy most of its cost.
 * So the operator's expressions refer to their paths lazily, and once all of them are translated, each form read
 * through two or more distinct paths of a column gets a list in a CTE in front of the operator; a form read through
 * one path only is derived from the single-path call.
 */
import { extractPath, pathText, type PathStep } from "./dynamic";
import { type ExpandFusion, fusionOf } from "./expand-fusion";
import { passIngestionTime, selectFrom, type Relation, type Translator } from "./relation";
import { Sql, sql, type SqlNode } from "./sql";

/** A single path gains nothing from a list. */
const MIN_PATHS = 2;

type Form = "json" | "text" | "type";

/** The list function of each form, and the prefix of its hidden column. */
const LISTS: Readonly<Record<Form, { readonly fn: string; readonly prefix: string }>> = {
  json: { fn: "json_extract", prefix: "$paths" },
  text: { fn: "json_extract_string", prefix: "$texts" },
  type: { fn: "json_type", prefix: "$types" },
};

/** One read of a column at a path, and which forms of the value the expressions need. */
interface PathUse {
  readonly column: string;
  readonly path: string;
  readonly steps: readonly PathStep[];
  readonly forms: Set<Form>;
}

/** The lazy nodes `ref` returned, so a conversion can ask for another form of the same read. */
const uses = new WeakMap<SqlNode, { readonly batch: PathBatch; readonly use: PathUse }>();

/** Collects the constant paths an operator reads from its input's dynamic columns. */
export class PathBatch {
  private readonly reads: PathUse[] = [];
  /** Per form: column → its list's hidden column and paths (list index = position + 1); null until `wrap`. */
  private lists: Record<Form, Map<string, { name: string; paths: string[] }>> | null = null;
  /** The expansion whose column this batch reads as a struct (see `takeFusion`). */
  private fused: ExpandFusion | null = null;

  /** `column` (a dynamic column of the input row) at a constant path. */
  ref(column: string, steps: readonly PathStep[]): SqlNode {
    const use: PathUse = { column, path: pathText(steps), steps, forms: new Set(["json"]) };
    this.reads.push(use);
    const node = Sql.lazy(() => this.element("json", use) ?? extractPath(Sql.id(column), steps));
    uses.set(node, { batch: this, use });
    return node;
  }

  /**
   * Takes the fusion `input` offers (expand-fusion.ts) when the operator's `items` read the expanded column only
   * through this batch, at single keys (case-insensitively distinct: struct fields), as JSON values. Call before `wrap`.
   */
  takeFusion(input: Relation, items: readonly SqlNode[]): void {
    const fusion = fusionOf(input);
    if (!fusion) return;
    const mine = this.reads.filter((u) => u.column === fusion.column);
    const keys: string[] = [];
    for (const use of mine) {
      const step = use.steps[0];
      if (use.steps.length !== 1 || !step || !("key" in step) || [...use.forms].some((f) => f !== "json")) return;
      if (!keys.includes(step.key)) keys.push(step.key);
    }
    const lower = new Set(keys.map((k) => k.toLowerCase()));
    if (keys.length === 0 || lower.size !== keys.length || items.some((i) => readsDirectly(i, fusion.column))) return;
    fusion.keys = keys;
    this.fused = fusion;
  }

  /** The list element holding `use`'s value in `form`, or null when that form has no list. */
  private element(form: Form, use: PathUse): SqlNode | null {
    const step = use.steps[0];
    if (this.fused?.column === use.column && form === "json" && step && "key" in step)
      return sql`${Sql.id(use.column)}.${Sql.id(step.key)}`;
    const list = this.lists?.[form].get(use.column);
    const at = list ? list.paths.indexOf(use.path) : -1;
    return list && at >= 0 ? sql`${Sql.id(list.name)}[${Sql.int(at + 1)}]` : null;
  }

  /**
   * The text (`json_extract_string(d, '$')`) or type (`json_type(d)`) of `d` when it is a path this batch reads, as
   * a list element when possible; null for any other node. A conversion that reads `d` only through these forms no
   * longer needs its JSON value.
   */
  static form(d: SqlNode, form: "text" | "type", consumesJson: boolean): SqlNode | null {
    const found = uses.get(d);
    if (!found) return null;
    const { batch, use } = found;
    use.forms.add(form);
    if (consumesJson) use.forms.delete("json");
    const single = form === "text" ? sql`json_extract_string(${d}, '$')` : sql`json_type(${d})`;
    return Sql.lazy(() => batch.element(form, use) ?? single);
  }

  /**
   * The relation the operator must read instead of `input`: `input` itself, or a CTE passing its columns plus the
   * lists. Call once, after every expression of the operator was translated.
   */
  wrap(input: Relation, t: Translator): Relation {
    const paths = (form: Form) => {
      const byColumn = new Map<string, string[]>();
      for (const use of this.reads) {
        if (!use.forms.has(form)) continue;
        const list = byColumn.get(use.column) ?? [];
        if (!list.includes(use.path)) list.push(use.path);
        byColumn.set(use.column, list);
      }
      return byColumn;
    };
    // A text or type read through one path only is derived from the JSON value: that value is then needed.
    for (const form of ["text", "type"] as const) {
      for (const [column, list] of paths(form)) {
        if (list.length >= MIN_PATHS) continue;
        for (const use of this.reads) if (use.column === column && use.forms.has(form)) use.forms.add("json");
      }
    }
    const lists: Record<Form, Map<string, { name: string; paths: string[] }>> = {
      json: new Map(),
      text: new Map(),
      type: new Map(),
    };
    const items: SqlNode[] = [];
    let n = 0;
    for (const form of ["json", "text", "type"] as const) {
      for (const [column, list] of paths(form)) {
        if (list.length < MIN_PATHS || column === this.fused?.column) continue;
        // `$` names are the translator's own hidden columns (as `$ingestion_time`); never in the operator's output.
        const name = `${LISTS[form].prefix}${n++}`;
        lists[form].set(column, { name, paths: list });
        items.push(
          sql`${Sql.raw(LISTS[form].fn)}(${Sql.id(column)}, [${Sql.join(list.map((p) => Sql.str(p)))}]) AS ${Sql.id(name)}`,
        );
      }
    }
    this.lists = lists;
    if (items.length === 0) return input;
    const pass = [...input.columns.map((c) => Sql.id(c.name)), ...passIngestionTime(input)];
    return t.add(selectFrom([...pass, ...items], input), input.columns, input.ingestionTime);
  }
}

/** Whether `node` names `column` outside the lazy nodes path reads resolve to. */
function readsDirectly(node: SqlNode, column: string): boolean {
  switch (node.kind) {
    case "Identifier":
      return node.name === column;
    case "Concat":
      return node.parts.some((p) => readsDirectly(p, column));
    default:
      return false;
  }
}
