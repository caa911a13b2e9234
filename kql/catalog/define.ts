import type { CatalogColumn, CatalogTable, KustoType, TableFamily } from "./types";

/** @internal Optional column facts; everything defaults to the common case (native, streamed, documented). */
export interface ColumnExtras {
  readonly payloadKey?: string;
  readonly encoding?: CatalogColumn["encoding"];
  readonly streamed?: boolean;
}

/** @internal A documented column. */
export function col(name: string, type: KustoType, description: string, extras: ColumnExtras = {}): CatalogColumn {
  return Object.freeze({
    name,
    type,
    payloadKey: extras.payloadKey ?? name,
    encoding: extras.encoding ?? "native",
    streamed: extras.streamed ?? true,
    origin: "documented",
    description,
  });
}

/** @internal A column present in real payloads (and Advanced Hunting) but missing from the docs table. */
export function extra(name: string, type: KustoType, description: string): CatalogColumn {
  return Object.freeze({ ...col(name, type, description), origin: "stream-extra" });
}

/** @internal Table metadata as written in the data files; the category is derived from the name. */
export interface TableMeta {
  readonly name: string;
  readonly family: TableFamily;
  readonly preview: boolean;
  readonly docsUrl: string;
  readonly notes: readonly string[];
}

/** @internal Assembles a frozen catalog table. */
export function defineTable(meta: TableMeta, columns: readonly CatalogColumn[]): CatalogTable {
  return Object.freeze({
    name: meta.name,
    category: `AdvancedHunting-${meta.name}`,
    preview: meta.preview,
    family: meta.family,
    docsUrl: meta.docsUrl,
    columns: Object.freeze([...columns]),
    notes: Object.freeze([...meta.notes]),
  });
}

/** @internal Type and description of a column that several tables describe alike. */
export type ColumnFacts = readonly [type: KustoType, description: string];

/**
 * @internal Returns a function that builds the named columns, in the order asked for, from one dictionary of shared
 * facts. The order is the caller's because Defender documents the same columns in a different order per table, and
 * a table's order must never change (ADX matches rows to columns by position). Keys are full column names so that a
 * search for a column name finds its description.
 */
export function columnPicker<K extends string>(
  facts: Readonly<Record<K, ColumnFacts>>,
): (...names: readonly K[]) => CatalogColumn[] {
  return (...names) =>
    names.map((name) => {
      const [type, description] = facts[name];
      return col(name, type, description);
    });
}
