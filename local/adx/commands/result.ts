import type { KustoType } from "../storage/kusto-types";

/** A result column: name and Kusto type. */
export interface ResultColumn {
  readonly name: string;
  readonly type: KustoType;
}

/**
 * A tabular result, values already in wire form: strings, numbers, booleans, null, datetimes as Kusto datetime
 * text, timespans as `[d.]hh:mm:ss[.fffffff]`, guids as lower-case text, dynamic values as JS objects.
 */
export interface ResultTable {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Builds column declarations from `"Name:type"` strings (keeps result schemas readable next to the reference). */
export function columns(...specs: string[]): ResultColumn[] {
  return specs.map((spec) => {
    const [name, type] = spec.split(":");
    return { name: name ?? "", type: (type ?? "string") as KustoType };
  });
}

/** A result table. */
export function table(cols: readonly ResultColumn[], rows: readonly (readonly unknown[])[]): ResultTable {
  return { columns: cols, rows };
}
