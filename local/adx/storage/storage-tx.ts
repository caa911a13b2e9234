import { randomUUID } from "node:crypto";
import type { ColumnInfo, FunctionInfo, PolicyKind, PolicyRecord } from "./catalog";
import type { Database } from "./database";
import { DUCKDB_TYPES } from "./kusto-types";
import { dataTableRef, EXTENT_ID_COLUMN, INGESTION_TIME_COLUMN, quoteIdent } from "./sql";
import { nowKusto } from "./time";

/** A row of `.show journal` as stored (see README for the meaning of each field). */
export interface JournalEntry {
  readonly event: string;
  readonly entityName: string;
  readonly updatedEntityName: string;
  readonly entityContainerName: string;
  readonly originalEntityState: string;
  readonly updatedEntityState: string;
  readonly changeCommand: string;
  readonly principal: string;
  readonly rootActivityId: string | null;
  readonly clientRequestId: string;
  readonly user: string;
}

/** Metadata writes inside one `Storage.change` transaction. Callers check existence first. */
export class StorageTx {
  constructor(readonly db: Database) {}

  /** Creates the catalog entry and the data table `"t"."<name>"` (Kusto columns, then the system columns). */
  async createTable(name: string, columns: readonly ColumnInfo[], folder: string, docstring: string): Promise<void> {
    await this.db.run(`INSERT INTO meta.tables VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMP_NS))`, [
      name,
      folder,
      docstring,
      randomUUID(),
      nowKusto(),
    ]);
    await this.insertColumns(name, columns, 0);
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${DUCKDB_TYPES[c.type]}`);
    defs.push(`${quoteIdent(EXTENT_ID_COLUMN)} UUID`, `${quoteIdent(INGESTION_TIME_COLUMN)} TIMESTAMP_NS`);
    this.db.catalogChanged();
    await this.db.run(`CREATE TABLE ${dataTableRef(name)} (${defs.join(", ")})`);
  }

  /**
   * Appends columns to a table. The data table is rebuilt so the system columns stay last; existing rows get ''
   * for new string columns (Kusto strings are never null) and null otherwise.
   */
  async appendColumns(name: string, existing: readonly ColumnInfo[], added: readonly ColumnInfo[]): Promise<void> {
    if (added.length === 0) return;
    await this.insertColumns(name, added, existing.length);
    const keep = existing.map((c) => quoteIdent(c.name));
    const fresh = added.map(
      (c) => `${c.type === "string" ? "''" : "NULL"}::${DUCKDB_TYPES[c.type]} AS ${quoteIdent(c.name)}`,
    );
    const system = [quoteIdent(EXTENT_ID_COLUMN), quoteIdent(INGESTION_TIME_COLUMN)];
    const temp = `${quoteIdent("t")}.${quoteIdent(`${name}$rebuild`)}`;
    this.db.catalogChanged();
    await this.db.run(
      `CREATE TABLE ${temp} AS SELECT ${[...keep, ...fresh, ...system].join(", ")} FROM ${dataTableRef(name)}`,
    );
    await this.db.run(`DROP TABLE ${dataTableRef(name)}`);
    await this.db.run(`ALTER TABLE ${temp} RENAME TO ${quoteIdent(name)}`);
  }

  /** Sets folder and/or docstring. */
  async setTableProperties(name: string, props: { folder?: string; docstring?: string }): Promise<void> {
    if (props.folder !== undefined)
      await this.db.run(`UPDATE meta.tables SET folder = ? WHERE name = ?`, [props.folder, name]);
    if (props.docstring !== undefined) {
      await this.db.run(`UPDATE meta.tables SET docstring = ? WHERE name = ?`, [props.docstring, name]);
    }
  }

  /** Removes the table, its rows, extents, mappings and table-level policies. */
  async dropTable(name: string): Promise<void> {
    for (const [table, column] of [
      ["meta.tables", "name"],
      ["meta.columns", "table_name"],
      ["meta.mappings", "table_name"],
      ["meta.extents", "table_name"],
    ] as const) {
      await this.db.run(`DELETE FROM ${table} WHERE ${column} = ?`, [name]);
    }
    await this.db.run(`DELETE FROM meta.policies WHERE entity_type = 'Table' AND entity_name = ?`, [name]);
    this.db.catalogChanged();
    await this.db.run(`DROP TABLE IF EXISTS ${dataTableRef(name)}`);
  }

  /** Creates or replaces a function. */
  async putFunction(fn: Omit<FunctionInfo, "createdOn">): Promise<void> {
    await this.db.run(`DELETE FROM meta.functions WHERE name = ?`, [fn.name]);
    await this.db.run(`INSERT INTO meta.functions VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP_NS))`, [
      fn.name,
      fn.parameters,
      fn.body,
      fn.folder,
      fn.docstring,
      fn.skipValidation,
      nowKusto(),
    ]);
  }

  /** Deletes a function. */
  async dropFunction(name: string): Promise<void> {
    await this.db.run(`DELETE FROM meta.functions WHERE name = ?`, [name]);
  }

  /** Creates or replaces a table-scope mapping (`kind` as reported, e.g. `Json`). */
  async putMapping(table: string, name: string, kind: string, mapping: string): Promise<void> {
    await this.dropMapping(table, name, kind);
    await this.db.run(`INSERT INTO meta.mappings VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMP_NS))`, [
      table,
      name,
      kind,
      mapping,
      nowKusto(),
    ]);
  }

  /** Deletes a table-scope mapping. */
  async dropMapping(table: string, name: string, kind: string): Promise<void> {
    await this.db.run(`DELETE FROM meta.mappings WHERE table_name = ? AND name = ? AND kind = ?`, [table, name, kind]);
  }

  /** Sets (JSON text) or removes (null) a policy at one level. */
  async setPolicy(
    entityType: PolicyRecord["entityType"],
    entityName: string,
    kind: PolicyKind,
    policy: string | null,
  ): Promise<void> {
    await this.db.run(`DELETE FROM meta.policies WHERE entity_type = ? AND entity_name = ? AND kind = ?`, [
      entityType,
      entityName,
      kind,
    ]);
    if (policy !== null) {
      await this.db.run(`INSERT INTO meta.policies VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMP_NS))`, [
        entityType,
        entityName,
        kind,
        policy,
        nowKusto(),
      ]);
    }
  }

  /** Records an extent (a batch of rows sharing `"$extent_id"` and `"$ingestion_time"`) for `.show tables details`. */
  async addExtent(extent: {
    readonly extentId: string;
    readonly table: string;
    readonly rowCount: number;
    readonly originalSize: number;
    readonly extentSize: number;
    /** Kusto datetime text; the same value as the rows' `"$ingestion_time"`. */
    readonly createdOn: string;
    readonly tags?: string;
  }): Promise<void> {
    await this.db.run(`INSERT INTO meta.extents VALUES (CAST(? AS UUID), ?, ?, ?, ?, CAST(? AS TIMESTAMP_NS), ?)`, [
      extent.extentId,
      extent.table,
      extent.rowCount,
      extent.originalSize,
      extent.extentSize,
      extent.createdOn,
      extent.tags ?? "",
    ]);
  }

  /** Deletes extents and their rows (retention): every extent of `table` created before `before` (Kusto datetime). */
  async dropExtentsBefore(table: string, before: string): Promise<void> {
    await this.db.run(
      `DELETE FROM ${dataTableRef(table)} WHERE ${quoteIdent(INGESTION_TIME_COLUMN)} < CAST(? AS TIMESTAMP_NS)`,
      [before],
    );
    await this.db.run(`DELETE FROM meta.extents WHERE table_name = ? AND created_on < CAST(? AS TIMESTAMP_NS)`, [
      table,
      before,
    ]);
  }

  /** Records a metadata change for `.show journal`; the entity version is the database version after it. */
  async journal(database: string, entry: JournalEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO meta.journal
         SELECT nextval('meta.log_seq'), ?, CAST(? AS TIMESTAMP_NS), ?, ?, ?, 'v1.' || (version + 1), ?, ?, ?, ?, ?,
                CAST(? AS UUID), ?, ?, 'v1.' || version
           FROM meta.database`,
      [
        entry.event,
        nowKusto(),
        database,
        entry.entityName,
        entry.updatedEntityName,
        entry.entityContainerName,
        entry.originalEntityState,
        entry.updatedEntityState,
        entry.changeCommand,
        entry.principal,
        entry.rootActivityId,
        entry.clientRequestId,
        entry.user,
      ],
    );
  }

  private async insertColumns(table: string, columns: readonly ColumnInfo[], firstOrdinal: number): Promise<void> {
    for (const [i, c] of columns.entries()) {
      await this.db.run(`INSERT INTO meta.columns VALUES (?, ?, ?, ?)`, [table, firstOrdinal + i, c.name, c.type]);
    }
  }
}
