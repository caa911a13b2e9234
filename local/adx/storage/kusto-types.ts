/** The Kusto scalar types the engine stores, and how each maps to DuckDB, .NET and the v1 wire. */
export type KustoType =
  "string" | "long" | "int" | "real" | "bool" | "datetime" | "timespan" | "guid" | "dynamic" | "decimal";

/** DDL spellings the parser accepts, folded to the canonical type (`double` → `real`, `date` → `datetime`, …). */
const ALIASES: Readonly<Record<string, KustoType>> = {
  string: "string",
  long: "long",
  int64: "long",
  int: "int",
  int32: "int",
  real: "real",
  double: "real",
  float: "real",
  bool: "bool",
  boolean: "bool",
  datetime: "datetime",
  date: "datetime",
  timespan: "timespan",
  time: "timespan",
  guid: "guid",
  uniqueid: "guid",
  dynamic: "dynamic",
  decimal: "decimal",
};

/** Canonical Kusto type of a DDL type name, or null when the engine does not support it (`uint8`, `int16`, …). */
export function canonicalKustoType(name: string): KustoType | null {
  return ALIASES[name.toLowerCase()] ?? null;
}

/** The DuckDB column type that holds a Kusto type (the layout the query translator relies on). */
export const DUCKDB_TYPES: Readonly<Record<KustoType, string>> = {
  string: "VARCHAR",
  long: "BIGINT",
  int: "INTEGER",
  real: "DOUBLE",
  bool: "BOOLEAN",
  datetime: "TIMESTAMP_NS",
  // 100-ns ticks, so a timespan keeps Kusto's precision and range.
  timespan: "BIGINT",
  guid: "UUID",
  dynamic: "JSON",
  decimal: "DECIMAL(38,18)",
};

/** .NET type names as `.show table T schema as json` and `.show database schema as json` write them. */
export const DOTNET_TYPES: Readonly<Record<KustoType, string>> = {
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

/** v1 `DataType` of a column in a management-command result (command declarations use `Boolean` for bool). */
export const V1_COMMAND_DATA_TYPES: Readonly<Record<KustoType, string>> = {
  string: "String",
  long: "Int64",
  int: "Int32",
  real: "Double",
  bool: "Boolean",
  datetime: "DateTime",
  timespan: "TimeSpan",
  guid: "Guid",
  dynamic: "Object",
  decimal: "SqlDecimal",
};

/** v1 `DataType` of a column in a query result (queries report bool as `SByte`). */
export const V1_QUERY_DATA_TYPES: Readonly<Record<KustoType, string>> = { ...V1_COMMAND_DATA_TYPES, bool: "SByte" };
