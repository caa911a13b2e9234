/**
 * A control command piped into query operators (`.show tables | where Folder == "x" | project TableName`).
 *
 * Microsoft's parser gives the shape: the tree is a pipe chain whose leftmost element is the command
 * (`CustomCommand`, with its declared result schema), followed by ordinary query operators. The command runs
 * through its own handler (same permission checks), its rows go into a temporary DuckDB table typed with the
 * storage types of the declared Kusto columns, and the query translator compiles the operators over that table.
 * The result is a query result (bool columns are `SByte` on the v1 wire).
 */
import { randomUUID } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";

import { lineAndColumn, nodeType, parseAndAnalyze, toArray, type KustoNode } from "../kusto/language";
import { timespanTicksFromText } from "../query/literals";
import { duckType, isKustoType, type KustoType } from "../query/types";
import { KustoError } from "../rest/errors";
import { dataTableRef, quoteIdent } from "../storage/sql";
import type { CommandContext } from "./context";
import type { ParsedCommand } from "./parsed-command";
import type { ResultColumn, ResultTable } from "./result";

/** The command's declared result columns (the parser's `ResultType` of the command node). */
function declaredColumns(command: KustoNode): ResultColumn[] {
  return toArray(command.ResultType?.Columns).map((c: KustoNode) => {
    const type = String(c.Type?.Name ?? "");
    if (!isKustoType(type)) throw new Error(`Unexpected column type '${type}' in a command result`);
    return { name: String(c.Name), type };
  });
}

function commandNode(code: KustoNode): KustoNode {
  let found: KustoNode = null;
  code.Syntax.WalkElements((e: KustoNode) => {
    if (!found && nodeType(e) === "CustomCommand") found = e;
  });
  if (!found) throw new Error("A piped command without a command part");
  return found;
}

/** A wire value of the handler's column as text DuckDB casts exactly to the declared type (null stays null). */
export function cellText(value: unknown, from: KustoType | undefined, to: KustoType): string | null {
  if (value === null || value === undefined) return to === "string" ? "" : null;
  switch (to) {
    case "string":
      return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    case "dynamic":
      if (typeof value !== "string" || from === "dynamic") return JSON.stringify(value);
      // A string column holding JSON text (a policy, properties) reads as that JSON, as `todynamic()` would.
      try {
        JSON.parse(value);
        return value;
      } catch {
        return JSON.stringify(value);
      }
    case "datetime":
      return value instanceof Date ? value.toISOString() : String(value);
    case "timespan": {
      if (typeof value === "number" || typeof value === "bigint") return String(value);
      return timespanTicksFromText(String(value))?.toString() ?? null;
    }
    default:
      return String(value);
  }
}

/** SQL reading the loaded text columns back with the declared Kusto columns' storage types. */
function typedRelation(table: string, columns: readonly ResultColumn[]): string {
  const items = columns.map(
    (c, i) => `TRY_CAST(${quoteIdent(`c${i}`)} AS ${duckType(c.type)}) AS ${quoteIdent(c.name)}`,
  );
  return `(SELECT ${items.join(", ") || "1 AS _none"} FROM temp.main.${quoteIdent(table)}) AS ${quoteIdent("_command")}`;
}

/** Appends the handler's rows (matched to the declared columns by name) as text into a temporary table. */
async function load(
  connection: DuckDBConnection,
  table: string,
  declared: readonly ResultColumn[],
  result: ResultTable,
): Promise<void> {
  const defs = declared.map((_, i) => `${quoteIdent(`c${i}`)} VARCHAR`);
  await connection.run(`CREATE TEMP TABLE ${quoteIdent(table)} (${defs.join(", ") || "_none VARCHAR"})`);
  const sources = declared.map((c) => result.columns.findIndex((r) => r.name === c.name));
  const appender = await connection.createAppender(table, "main", "temp");
  try {
    for (const row of result.rows) {
      if (declared.length === 0) appender.appendNull();
      declared.forEach((c, i) => {
        const at = sources[i]!;
        const text = cellText(at < 0 ? null : row[at], result.columns[at]?.type, c.type);
        if (text === null) appender.appendNull();
        else appender.appendVarchar(text);
      });
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * Runs a piped command. `runCommand` runs the command part through its handler (the caller checked the role);
 * errors are Kusto-style, with positions in the whole text.
 */
export async function runPipedCommand(
  ctx: CommandContext,
  cmd: ParsedCommand,
  runCommand: () => Promise<ResultTable>,
): Promise<ResultTable> {
  const verb = cmd.text.trim().split(/\s+/).slice(0, 2).join(" ");
  // Only `.show` commands: a changing command would apply before the operators could fail.
  if (!cmd.kind?.startsWith("Show")) {
    throw KustoError.notSupported(`Piping the output of '${verb}' into query operators`);
  }
  const code = parseAndAnalyze(cmd.text, ctx.globals());
  const declared = declaredColumns(commandNode(code));
  const result = await runCommand();

  const { compileQuery, executeCompiled, QueryError } = await import("@/local/adx/query");
  const table = `_piped_${randomUUID().replace(/-/g, "")}`;
  const catalog = ctx.storage.catalog;
  let compiled;
  try {
    compiled = compileQuery(code, {
      tableSource: (name) => dataTableRef(name),
      functionDefinition: (name) => catalog.functions.get(name),
      parameters: {},
      now: new Date(),
      commandSource: () => typedRelation(table, declared),
    });
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    const at = (start: number) => {
      const { line, column } = lineAndColumn(cmd.text, start);
      return `(line ${line}, column ${column}, position ${start})`;
    };
    const detail =
      error.start === undefined
        ? `${error.code}: ${error.message}`
        : `${error.code}: ${error.message} ${at(error.start)}`;
    if (error.kustoCode === "BadRequest_SyntaxError") throw KustoError.syntax(detail, error.code);
    if (error.code.startsWith("LQ")) throw KustoError.badRequest(detail, error.code);
    throw KustoError.semantic(detail, error.code);
  }
  const db = ctx.storage.db;
  const rows = await db.exclusive(async () => {
    try {
      db.catalogChanged();
      await load(db.connection, table, declared, result);
      return await executeCompiled(db.connection, compiled);
    } finally {
      await db.connection.run(`DROP TABLE IF EXISTS temp.main.${quoteIdent(table)}`);
    }
  });
  return { columns: rows.columns.map((c) => ({ name: c.name, type: c.type as KustoType })), rows: rows.rows };
}
