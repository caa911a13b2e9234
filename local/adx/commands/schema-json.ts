import type { Catalog, FunctionInfo, TableInfo } from "../storage/catalog";
import { DOTNET_TYPES } from "../storage/kusto-types";

/** `{"Name":T,"OrderedColumns":[{"Name","Type","CslType"}]}` as `.show table T schema as json` writes it. */
export function tableSchemaJson(table: TableInfo): string {
  return JSON.stringify({ Name: table.name, OrderedColumns: orderedColumns(table) });
}

function orderedColumns(table: TableInfo): object[] {
  return table.columns.map((c) => ({ Name: c.name, Type: DOTNET_TYPES[c.type], CslType: c.type }));
}

/** The `TableName, Schema, DatabaseName, Folder, DocString` row returned by table commands. */
export function tableSchemaRow(table: TableInfo, database: string): unknown[] {
  return [table.name, tableSchemaJson(table), database, table.folder, table.docstring];
}

/** `.show database D schema as json`: the documented shape plus the choices listed in the README. */
export function databaseSchemaJson(catalog: Catalog): string {
  const tables: Record<string, object> = {};
  for (const t of catalog.tables.values()) {
    tables[t.name] = {
      Name: t.name,
      DefaultColumn: null,
      OrderedColumns: orderedColumns(t),
      Folder: t.folder,
      DocString: t.docstring,
    };
  }
  const functions: Record<string, object> = {};
  for (const f of catalog.functions.values()) functions[f.name] = functionSchema(f);
  const name = catalog.database.name;
  return JSON.stringify({
    Databases: {
      [name]: {
        Name: name,
        Tables: tables,
        ExternalTables: {},
        MaterializedViews: {},
        PrettyName: null,
        MajorVersion: 1,
        MinorVersion: catalog.database.version,
        Functions: functions,
        DatabaseAccessMode: "ReadWrite",
      },
    },
  });
}

function functionSchema(f: FunctionInfo): object {
  return { Name: f.name, Parameters: f.parameters, Body: f.body, Folder: f.folder, DocString: f.docstring };
}
