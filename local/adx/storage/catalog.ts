import type { Database } from "./database";
import type { KustoType } from "./kusto-types";
import { kustoFromDuckText } from "./time";

/** A Kusto column: name and canonical type. */
export interface ColumnInfo {
  readonly name: string;
  readonly type: KustoType;
}

/** A Kusto table's metadata; its rows live in `"t"."<name>"`. */
export interface TableInfo {
  readonly name: string;
  readonly folder: string;
  readonly docstring: string;
  readonly tableId: string;
  /** Kusto datetime text. */
  readonly createdOn: string;
  readonly columns: readonly ColumnInfo[];
}

/** A stored function; `parameters` keeps its parentheses and `body` its braces, as `.show functions` returns them. */
export interface FunctionInfo {
  readonly name: string;
  readonly parameters: string;
  readonly body: string;
  readonly folder: string;
  readonly docstring: string;
  readonly skipValidation: boolean;
  readonly createdOn: string;
}

/** A table-scope ingestion mapping; `mapping` is the JSON text as sent. */
export interface MappingInfo {
  readonly table: string;
  readonly name: string;
  /** Upper-case kind as `.show ... mappings` reports it (`Json`, `Csv`, …, see README). */
  readonly kind: string;
  readonly mapping: string;
  readonly lastUpdatedOn: string;
}

/** The policy kinds the engine stores. */
export type PolicyKind = "update" | "retention" | "ingestionbatching";

/** One policy set at table or database level; `policy` is compact JSON. */
export interface PolicyRecord {
  readonly entityType: "Table" | "Database";
  readonly entityName: string;
  readonly kind: PolicyKind;
  readonly policy: string;
  readonly updatedOn: string;
}

/** The database this engine serves. */
export interface DatabaseInfo {
  readonly name: string;
  readonly databaseId: string;
  readonly createdOn: string;
  /** Bumped by every metadata change (`.show databases` Version `v<major>.<version>`). */
  readonly version: number;
}

/** A consistent in-memory copy of all metadata, replaced after every change. */
export interface Catalog {
  readonly database: DatabaseInfo;
  /** Tables by exact (case-sensitive) name, in name order. */
  readonly tables: ReadonlyMap<string, TableInfo>;
  readonly functions: ReadonlyMap<string, FunctionInfo>;
  readonly mappings: readonly MappingInfo[];
  readonly policies: readonly PolicyRecord[];
}

const ts = (value: unknown): string => kustoFromDuckText(String(value));

/** Reads the whole catalog from the `meta` schema. */
export async function loadCatalog(db: Database): Promise<Catalog> {
  const [dbRow] = await db.all(
    `SELECT name, CAST(database_id AS VARCHAR) AS id, CAST(created_on AS VARCHAR) AS created_on, version FROM meta.database`,
  );
  if (!dbRow) throw new Error("meta.database is empty: storage was not initialised");
  const columns = new Map<string, ColumnInfo[]>();
  for (const row of await db.all(`SELECT table_name, name, type FROM meta.columns ORDER BY table_name, ordinal`)) {
    const list = columns.get(String(row.table_name)) ?? [];
    list.push({ name: String(row.name), type: String(row.type) as KustoType });
    columns.set(String(row.table_name), list);
  }
  const tables = new Map<string, TableInfo>();
  const tableRows = await db.all(
    `SELECT name, folder, docstring, CAST(table_id AS VARCHAR) AS table_id, CAST(created_on AS VARCHAR) AS created_on
       FROM meta.tables ORDER BY name`,
  );
  for (const row of tableRows) {
    const name = String(row.name);
    tables.set(name, {
      name,
      folder: String(row.folder),
      docstring: String(row.docstring),
      tableId: String(row.table_id),
      createdOn: ts(row.created_on),
      columns: columns.get(name) ?? [],
    });
  }
  const functions = new Map<string, FunctionInfo>();
  const fnRows = await db.all(
    `SELECT name, parameters, body, folder, docstring, skip_validation, CAST(created_on AS VARCHAR) AS created_on
       FROM meta.functions ORDER BY name`,
  );
  for (const row of fnRows) {
    functions.set(String(row.name), {
      name: String(row.name),
      parameters: String(row.parameters),
      body: String(row.body),
      folder: String(row.folder),
      docstring: String(row.docstring),
      skipValidation: Boolean(row.skip_validation),
      createdOn: ts(row.created_on),
    });
  }
  const mappings = (
    await db.all(
      `SELECT table_name, name, kind, mapping, CAST(last_updated_on AS VARCHAR) AS updated
         FROM meta.mappings ORDER BY table_name, name`,
    )
  ).map((row) => ({
    table: String(row.table_name),
    name: String(row.name),
    kind: String(row.kind),
    mapping: String(row.mapping),
    lastUpdatedOn: ts(row.updated),
  }));
  const policies = (
    await db.all(
      `SELECT entity_type, entity_name, kind, policy, CAST(updated_on AS VARCHAR) AS updated
         FROM meta.policies ORDER BY entity_type, entity_name, kind`,
    )
  ).map((row) => ({
    entityType: String(row.entity_type) as PolicyRecord["entityType"],
    entityName: String(row.entity_name),
    kind: String(row.kind) as PolicyKind,
    policy: String(row.policy),
    updatedOn: ts(row.updated),
  }));
  return {
    database: {
      name: String(dbRow.name),
      databaseId: String(dbRow.id),
      createdOn: ts(dbRow.created_on),
      version: Number(dbRow.version),
    },
    tables,
    functions,
    mappings,
    policies,
  };
}

/** The policy set at one level, or null. */
export function findPolicy(
  catalog: Catalog,
  entityType: PolicyRecord["entityType"],
  entityName: string,
  kind: PolicyKind,
): PolicyRecord | null {
  return (
    catalog.policies.find((p) => p.entityType === entityType && p.entityName === entityName && p.kind === kind) ?? null
  );
}
