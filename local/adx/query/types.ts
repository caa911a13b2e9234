/** Kusto scalar types as the translator sees them, and their DuckDB spelling in the storage layout. */
import { DUCKDB_TYPES, type KustoType } from "../storage/kusto-types";
import { Sql, type SqlNode } from "./sql";

// The storage layout owns the Kusto → DuckDB type map; the translator compiles against exactly that layout.
export type { KustoType } from "../storage/kusto-types";

const DUCK = DUCKDB_TYPES;

const KNOWN = new Set<string>(Object.keys(DUCK));

/** Whether a type name from the analyzer is one of the storable scalar types. */
export function isKustoType(name: string): name is KustoType {
  return KNOWN.has(name);
}

/** DuckDB type text of a Kusto type (timespans are 100-ns ticks in a BIGINT). */
export function duckType(t: KustoType): string {
  return DUCK[t];
}

/** A typed NULL; strings have no null in Kusto, so a "null string" is the empty string. */
export function nullOf(t: KustoType): SqlNode {
  return t === "string" ? Sql.raw("''") : Sql.raw(`CAST(NULL AS ${DUCK[t]})`);
}

/** Numeric types that take part in arithmetic as plain numbers. */
export function isNumeric(t: KustoType): boolean {
  return t === "long" || t === "int" || t === "real" || t === "decimal";
}

export function isIntegral(t: KustoType): boolean {
  return t === "long" || t === "int";
}

/** 0001-01-01 in 100-ns ticks before the Unix epoch: Kusto's datetime ticks count from year 1. */
export const UNIX_EPOCH_TICKS = 621355968000000000n;
