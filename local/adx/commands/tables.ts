import type { TableInfo } from "../storage/catalog";
import { canonicalKustoType } from "../storage/kusto-types";
import type { ColumnInfo } from "../storage/catalog";
import { KustoError } from "../rest/errors";
import { type CommandContext, type CommandHandler, journal } from "./context";
import {
  commandProperties,
  firstPart,
  literalValue,
  nameValue,
  type ParsedCommand,
  partsNamed,
  partText,
} from "./parsed-command";
import { columns, type ResultTable, table } from "./result";
import { tableSchemaJson, tableSchemaRow } from "./schema-json";

const SCHEMA_COLUMNS = columns(
  "TableName:string",
  "Schema:string",
  "DatabaseName:string",
  "Folder:string",
  "DocString:string",
);

/** The table named by the command's `TableName` part. */
export function tableNameOf(cmd: ParsedCommand): string {
  const part = firstPart(cmd, "TableName");
  if (!part) throw KustoError.badRequest("The command names no table.");
  return nameValue(part);
}

/** The table, or ADX's `Entity ID 'T' of kind 'Table' was not found.` */
export function requireTable(ctx: CommandContext, name: string): TableInfo {
  const t = ctx.storage.catalog.tables.get(name);
  if (!t) throw KustoError.entityNotFound(name, "Table");
  return t;
}

function columnsOf(cmd: ParsedCommand): ColumnInfo[] {
  const names = partsNamed(cmd, "ColumnName");
  const types = partsNamed(cmd, "ColumnType");
  const result: ColumnInfo[] = [];
  const seen = new Set<string>();
  names.forEach((n, i) => {
    const name = nameValue(n);
    const typePart = types[i];
    const typeText = typePart ? partText(cmd, typePart) : "";
    const type = canonicalKustoType(typeText);
    if (!type) throw KustoError.notSupported(`Column type '${typeText}' (column '${name}')`);
    if (seen.has(name)) throw KustoError.badRequest(`Column '${name}' is declared more than once.`);
    seen.add(name);
    result.push({ name, type });
  });
  return result;
}

function folderAndDocstring(cmd: ParsedCommand): { folder?: string; docstring?: string } {
  const props = commandProperties(cmd);
  for (const key of props.keys()) {
    if (key !== "folder" && key !== "docstring") throw KustoError.notSupported(`Table property '${key}'`);
  }
  return {
    ...(props.has("folder") ? { folder: props.get("folder") } : {}),
    ...(props.has("docstring") ? { docstring: props.get("docstring") } : {}),
  };
}

function schemaResult(ctx: CommandContext, name: string): ResultTable {
  return table(SCHEMA_COLUMNS, [tableSchemaRow(requireTable(ctx, name), ctx.database)]);
}

async function create(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const name = tableNameOf(cmd);
  const cols = columnsOf(cmd);
  const props = folderAndDocstring(cmd);
  // ADX: creating an existing table succeeds without any change and returns the existing schema.
  if (ctx.storage.catalog.tables.has(name)) return schemaResult(ctx, name);
  await ctx.storage.change(async (tx) => {
    await tx.createTable(name, cols, props.folder ?? "", props.docstring ?? "");
    await journal(tx, ctx, cmd, {
      event: "CREATE-TABLE",
      entity: `[${ctx.database}].[${name}]`,
      after: describeColumns(cols),
    });
  });
  return schemaResult(ctx, name);
}

async function merge(ctx: CommandContext, cmd: ParsedCommand, mustExist: boolean): Promise<ResultTable> {
  const name = tableNameOf(cmd);
  const cols = columnsOf(cmd);
  const props = folderAndDocstring(cmd);
  const existing = ctx.storage.catalog.tables.get(name);
  if (!existing) {
    if (mustExist) throw KustoError.entityNotFound(name, "Table");
    return create(ctx, cmd);
  }
  const added: ColumnInfo[] = [];
  for (const c of cols) {
    const old = existing.columns.find((e) => e.name === c.name);
    if (!old) added.push(c);
    else if (old.type !== c.type) {
      throw KustoError.badRequest(
        `Alter table does not support column data type change for existing columns. Column '${c.name}' is of type ` +
          `'${old.type}', requested '${c.type}'. Use '.alter column' instead.`,
      );
    }
  }
  const changesProps =
    (props.folder !== undefined && props.folder !== existing.folder) ||
    (props.docstring !== undefined && props.docstring !== existing.docstring);
  if (added.length > 0 || changesProps) {
    await ctx.storage.change(async (tx) => {
      await tx.appendColumns(name, existing.columns, added);
      await tx.setTableProperties(name, props);
      await journal(tx, ctx, cmd, {
        event: "ALTER-TABLE",
        entity: `[${ctx.database}].[${name}]`,
        before: describeColumns(existing.columns),
        after: describeColumns([...existing.columns, ...added]),
      });
    });
  }
  return schemaResult(ctx, name);
}

function describeColumns(cols: readonly ColumnInfo[]): string {
  return `(${cols.map((c) => `${c.name}:${c.type}`).join(", ")})`;
}

async function drop(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const names = partsNamed(cmd, "TableName").map(nameValue);
  const ifExists = /\bifexists\s*$/i.test(cmd.text.trim());
  const present = names.filter((n) => ctx.storage.catalog.tables.has(n));
  const missing = names.find((n) => !ctx.storage.catalog.tables.has(n));
  if (missing !== undefined && !ifExists) throw KustoError.entityNotFound(missing, "Table");
  if (present.length > 0) {
    await ctx.storage.change(async (tx) => {
      for (const n of present) {
        const before = ctx.storage.catalog.tables.get(n);
        await tx.dropTable(n);
        await journal(tx, ctx, cmd, {
          event: "DROP-TABLE",
          entity: `[${ctx.database}].[${n}]`,
          before: before ? describeColumns(before.columns) : "",
        });
      }
    });
  }
  return table(
    columns("TableName:string", "DatabaseName:string"),
    [...ctx.storage.catalog.tables.keys()].map((n) => [n, ctx.database]),
  );
}

/** `.show tables [(T1, …)]`: only the listed tables when a list is given (unknown names are skipped). */
export function selectedTables(ctx: CommandContext, cmd: ParsedCommand): TableInfo[] {
  const listed = partsNamed(cmd, "TableName").map(nameValue);
  const all = [...ctx.storage.catalog.tables.values()];
  return listed.length === 0 ? all : all.filter((t) => listed.includes(t.name));
}

async function showTables(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  return table(
    columns("TableName:string", "DatabaseName:string", "Folder:string", "DocString:string"),
    selectedTables(ctx, cmd).map((t) => [t.name, ctx.database, t.folder, t.docstring]),
  );
}

async function showSchemaAsJson(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const t = requireTable(ctx, tableNameOf(cmd));
  return table(SCHEMA_COLUMNS, [[t.name, tableSchemaJson(t), ctx.database, t.folder, t.docstring]]);
}

async function showCslSchema(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const t = requireTable(ctx, tableNameOf(cmd));
  return table(SCHEMA_COLUMNS, [
    [t.name, t.columns.map((c) => `${c.name}:${c.type}`).join(", "), ctx.database, t.folder, t.docstring],
  ]);
}

/** `.alter table T docstring '…'` / `.alter table T folder '…'`. */
async function alterProperty(
  ctx: CommandContext,
  cmd: ParsedCommand,
  property: "folder" | "docstring",
): Promise<ResultTable> {
  const t = requireTable(ctx, tableNameOf(cmd));
  const literal = [...cmd.parts.values()].flat().find((p) => p.nodeType === "LiteralExpression");
  if (!literal) throw KustoError.badRequest(`The command has no ${property} text.`);
  const value = literalValue(cmd, literal);
  await ctx.storage.change(async (tx) => {
    await tx.setTableProperties(t.name, { [property]: value });
    await journal(tx, ctx, cmd, {
      event: `ALTER-TABLE-${property.toUpperCase()}`,
      entity: `[${ctx.database}].[${t.name}]`,
      before: property === "folder" ? t.folder : t.docstring,
      after: value,
    });
  });
  return schemaResult(ctx, t.name);
}

/** Table commands by parser `CommandKind`. */
export const TABLE_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  CreateTable: { commandType: "TableCreate", access: "write", run: create },
  CreateMergeTable: { commandType: "TableCreateMerge", access: "write", run: (c, p) => merge(c, p, false) },
  AlterMergeTable: { commandType: "TableAlterMerge", access: "write", run: (c, p) => merge(c, p, true) },
  DropTable: { commandType: "TableDrop", access: "write", run: drop },
  DropTables: { commandType: "TablesDrop", access: "write", run: drop },
  ShowTables: { commandType: "TablesShow", access: "read", run: showTables },
  ShowTableSchemaAsJson: { commandType: "TableSchemaShow", access: "read", run: showSchemaAsJson },
  ShowTableCslSchema: { commandType: "TableSchemaShow", access: "read", run: showCslSchema },
  AlterTableDocString: {
    commandType: "TableSetDocString",
    access: "write",
    run: (c, p) => alterProperty(c, p, "docstring"),
  },
  AlterTableFolder: { commandType: "TableSetFolder", access: "write", run: (c, p) => alterProperty(c, p, "folder") },
};
