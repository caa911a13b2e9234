/**
 * `mv-expand` of one constant path read by the next `project` only through keys of the expanded value — the shape of
 * the seed's functions: `Staging | mv-expand Raw.records | project Properties = Raw_records.properties, Category =
 * Raw_records.category`. Expanded one by one, each record is written out as JSON text and parsed again for its keys;
 * `json_transform` reads the keys in the same pass as the array (measured over 200,000 records: ~1.0 s → ~0.5 s).
 *
 * The expansion offers the fusion (`offerFusion`); the `project` takes it (path-batch.ts) when it reads the expanded
 * column only at single keys, as JSON values, and nowhere else. The expanded column is then a struct of those keys.
 * Elements that are not objects give null keys, as `json_extract` does; a value that is not an array goes the
 * general way (`pathExpansionList`), converted to the same struct. One difference is accepted: a key whose value is
 * JSON `null` is SQL null here, not the JSON text `null` — both are Kusto's dynamic null (`isnull`, the wire, `tostring`).
 */
import { jsonPath, pathExpansionList } from "./dynamic";
import type { Relation } from "./relation";
import { Sql, sql, type SqlNode } from "./sql";

/** An expansion that can be fused with its consumer; `keys` is set when the consumer takes it. */
export interface ExpandFusion {
  readonly column: string;
  readonly base: SqlNode;
  /** The expanded path (`$.records`) and its single key (`records`). */
  readonly path: string;
  readonly key: string;
  readonly bagKind: "bag" | "array";
  keys: readonly string[] | null;
}

const offers = new WeakMap<Relation, ExpandFusion>();

/** The path's single plain key (`$.records` → `records`), or null for any other path. */
export function singleKey(path: string): string | null {
  return /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path)?.[1] ?? null;
}

/** Offers the fusion of `rel`'s expansion to the operator that reads `rel`. */
export function offerFusion(rel: Relation, fusion: ExpandFusion): void {
  offers.set(rel, fusion);
}

/** The fusion `rel` offers, if any. */
export function fusionOf(rel: Relation): ExpandFusion | null {
  return offers.get(rel) ?? null;
}

/** The list to unnest: records as JSON (not fused), or structs of the keys the consumer reads (fused). */
export function expansionOf(fusion: ExpandFusion): SqlNode {
  const general = pathExpansionList(fusion.base, fusion.path, fusion.bagKind);
  const keys = fusion.keys;
  if (!keys) return general;
  const structure = JSON.stringify({ [fusion.key]: [Object.fromEntries(keys.map((k) => [k, "JSON"]))] });
  const transformed = sql`json_transform(${fusion.base}, ${Sql.str(structure)}).${Sql.id(fusion.key)}`;
  const fields = keys.map((k) => sql`${Sql.id(k)} := json_extract(r, ${Sql.str(jsonPath([{ key: k }]))})`);
  const converted = sql`list_transform(${general}, r -> struct_pack(${Sql.join(fields)}))`;
  // An array gives its elements' keys (none when empty, as the general way); anything else is null there.
  return sql`COALESCE(${transformed}, ${converted})`;
}
