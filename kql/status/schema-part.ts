/** Compares a target table's columns in the cluster with the catalog's. */
import type { CatalogTable } from "@/kql/catalog";
import { normalizeColumnType, type ClusterState } from "@/kql/state";

import type { PartState } from "./types";

/** A column whose type in the cluster differs from the catalog's. */
export interface TypeConflict {
  readonly column: string;
  /** Canonical type in the cluster. */
  readonly clusterType: string;
  /** Type in the catalog. */
  readonly catalogType: string;
}

/** How the cluster table compares with the catalog table. */
export interface SchemaComparison {
  readonly state: PartState;
  /** Sentences saying what is missing or differs; empty when `ok`. */
  readonly reasons: readonly string[];
  /** Catalog columns absent from the cluster table (additive: `.create-merge` adds them). */
  readonly missingColumns: readonly string[];
  /** Columns with another type (not fixable without losing data: the planner blocks). */
  readonly typeConflicts: readonly TypeConflict[];
  /** Columns in the cluster that the catalog does not have (kept; not drift). */
  readonly extraColumns: readonly string[];
  /** Facts worth showing that are not drift (extra columns, column order). */
  readonly notes: readonly string[];
}

const list = (names: readonly string[]): string => names.join(", ");

/** The message for a type conflict, shared by status and plan. */
export function describeTypeConflict(c: TypeConflict): string {
  return `Column ${c.column} has type ${c.clusterType} in the cluster but ${c.catalogType} in the catalog`;
}

/**
 * Compares the table's columns by name (case-sensitive, as in Kusto). Drift is a catalog column that is missing or
 * has another type. Columns the user added are NOT drift: the console never removes columns, and users may enrich
 * their tables. They and a different column order are reported as notes, because ADX matches an update policy's
 * output to the target schema and may then reject the generated policy or fail ingestion — which shows up as
 * `failing`, with the cluster's own error.
 */
export function compareSchema(table: CatalogTable, state: ClusterState): SchemaComparison {
  const cluster = state.tables[table.name];
  if (!cluster) {
    return {
      state: "missing",
      reasons: [`Table ${table.name} is missing`],
      missingColumns: table.columns.map((c) => c.name),
      typeConflicts: [],
      extraColumns: [],
      notes: [],
    };
  }
  const clusterTypes = new Map(cluster.columns.map((c) => [c.name, normalizeColumnType(c.type)]));
  const catalogNames = new Set(table.columns.map((c) => c.name));
  const missingColumns: string[] = [];
  const typeConflicts: TypeConflict[] = [];
  for (const column of table.columns) {
    const clusterType = clusterTypes.get(column.name);
    if (clusterType === undefined) missingColumns.push(column.name);
    else if (clusterType !== column.type) {
      typeConflicts.push({ column: column.name, clusterType, catalogType: column.type });
    }
  }
  const extraColumns = cluster.columns.map((c) => c.name).filter((name) => !catalogNames.has(name));

  const reasons: string[] = [];
  if (missingColumns.length === 1) reasons.push(`Column ${missingColumns[0]} is missing from table ${table.name}`);
  if (missingColumns.length > 1) reasons.push(`Columns ${list(missingColumns)} are missing from table ${table.name}`);
  reasons.push(...typeConflicts.map(describeTypeConflict));

  const notes: string[] = [];
  if (extraColumns.length) {
    notes.push(
      `Table ${table.name} has ${extraColumns.length === 1 ? "a column" : "columns"} not in the catalog ` +
        `(${list(extraColumns)}); the console keeps ${extraColumns.length === 1 ? "it" : "them"}`,
    );
  }
  const sharedOrder = cluster.columns.map((c) => c.name).filter((name) => catalogNames.has(name));
  const catalogOrder = table.columns.map((c) => c.name).filter((name) => clusterTypes.has(name));
  if (sharedOrder.join(",") !== catalogOrder.join(",")) {
    notes.push(`The columns of table ${table.name} are in a different order than in the catalog`);
  }
  return {
    state: reasons.length ? "drifted" : "ok",
    reasons,
    missingColumns,
    typeConflicts,
    extraColumns,
    notes,
  };
}
