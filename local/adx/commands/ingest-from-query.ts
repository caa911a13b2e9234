import { ingestSelect } from "../ingest/pipeline";
import { parseAndAnalyze } from "../kusto/language";
import { compileQuery, QueryError } from "../query";
import { KustoError } from "../rest/errors";
import type { ColumnInfo } from "../storage/catalog";
import { canonicalKustoType } from "../storage/kusto-types";
import { dataTableRef } from "../storage/sql";
import { type CommandContext, type CommandHandler, journal, mayRun } from "./context";
import { ingestCaller } from "./ingest-inline";
import { commandProperties, firstPart, type ParsedCommand, partText } from "./parsed-command";
import { columns, type ResultTable, table } from "./result";
import { tableNameOf } from "./tables";

type Verb = "set" | "append" | "set-or-append" | "set-or-replace";

const RESULT_COLUMNS = columns(
  "ExtentId:guid",
  "OriginalSize:real",
  "ExtentSize:real",
  "CompressedSize:real",
  "IndexSize:real",
  "RowCount:long",
);

// Properties that change nothing in the local engine's answer; anything else is refused rather than ignored.
const ACCEPTED = new Set(["folder", "docstring", "distributed", "policy_ingestiontime", "persistdetails"]);

function queryError(error: unknown): never {
  if (error instanceof QueryError) {
    const detail = `${error.code}: ${error.message}`;
    throw error.kustoCode === "BadRequest_SyntaxError"
      ? KustoError.syntax(detail, error.code)
      : KustoError.semantic(detail, error.code);
  }
  throw error;
}

/** `.set`, `.append`, `.set-or-append`, `.set-or-replace` `T [with (…)] <| query` (adx-reference §2.3). */
async function ingestFromQuery(ctx: CommandContext, cmd: ParsedCommand, verb: Verb): Promise<ResultTable> {
  const name = tableNameOf(cmd);
  if (/^\s*\.[\w-]+\s+async\b/i.test(cmd.text)) throw KustoError.notSupported(`'.${verb} async'`);
  const props = commandProperties(cmd);
  for (const key of props.keys())
    if (!ACCEPTED.has(key)) throw KustoError.notSupported(`The property '${key}' of '.${verb}'`);
  const queryPart = firstPart(cmd, "QueryOrCommand");
  const queryText = queryPart ? partText(cmd, queryPart) : "";
  if (/^\s*\./.test(queryText)) throw KustoError.notSupported(`A control command as the source of '.${verb}'`);

  const catalog = ctx.storage.catalog;
  let compiled;
  try {
    compiled = compileQuery(parseAndAnalyze(queryText, ctx.globals()), {
      tableSource: (t) => dataTableRef(t),
      functionDefinition: (f) => {
        const fn = catalog.functions.get(f);
        return fn ? { parameters: fn.parameters, body: fn.body } : undefined;
      },
      parameters: {},
      now: new Date(),
    });
  } catch (error) {
    queryError(error);
  }
  const queryColumns: ColumnInfo[] = compiled.columns.map((c) => {
    const type = canonicalKustoType(c.type);
    if (!type) throw KustoError.notSupported(`A column of type '${c.type}'`);
    return { name: c.name, type };
  });
  const dollar = queryColumns.find((c) => c.name.includes("$"));
  if (dollar) {
    throw KustoError.badRequest(
      `Column name '${dollar.name}' is not valid for a table: rename it in the query (e.g. with project-rename).`,
      "BadRequest_EntityNameIsNotValid",
    );
  }

  // Check-then-create must not interleave with another command creating the same table.
  const target = await ctx.storage.serializeCommand(async () => {
    const existing = ctx.storage.catalog.tables.get(name);
    if (existing && verb === "set") throw KustoError.entityExists(name, "Table");
    if (!existing && verb === "append") throw KustoError.entityNotFound(name, "Table");
    if (existing && verb === "set-or-replace" && !mayRun(ctx.caller.role, "write")) {
      throw KustoError.forbidden(ctx.caller.principal, "TableSetOrReplace", `[${ctx.database}].[${name}]`);
    }
    if (existing) {
      const querySchema = queryColumns.map((c) => c.type).join(",");
      const tableSchema = existing.columns.map((c) => c.type).join(",");
      if (querySchema !== tableSchema) {
        throw KustoError.badRequest(
          `Query schema does not match table schema. QuerySchema=('${querySchema}'), TableSchema=('${tableSchema}')`,
          "BadRequest_QuerySchemaDoesNotMatchTableSchema",
        );
      }
      return existing;
    }
    if (!mayRun(ctx.caller.role, "write")) {
      throw KustoError.forbidden(ctx.caller.principal, "TableCreate", `[${ctx.database}]`);
    }
    // ADX commits the new table in its own transaction before ingesting (it survives a failed ingestion).
    await ctx.storage.change(async (tx) => {
      await tx.createTable(name, queryColumns, props.get("folder") ?? "", props.get("docstring") ?? "");
      await journal(tx, ctx, cmd, {
        event: "CREATE-TABLE",
        entity: `[${ctx.database}].[${name}]`,
        after: `(${queryColumns.map((c) => `${c.name}:${c.type}`).join(", ")})`,
      });
    });
    return ctx.storage.catalog.tables.get(name)!;
  });
  const result = await ingestSelect(
    {
      storage: ctx.storage,
      database: ctx.database,
      caller: ingestCaller(ctx),
      operationKind: `Table${verb.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
      sourcePath: "query",
      replace: verb === "set-or-replace",
    },
    target,
    { sql: compiled.sql, params: compiled.params },
  );
  const rows = result.extents
    .filter((e) => e.table === name)
    .map((e) => [e.extentId, e.originalSize, e.extentSize, e.compressedSize, e.indexSize, e.rows]);
  return table(RESULT_COLUMNS, rows);
}

/** Ingest-from-query commands by parser `CommandKind`. */
export const INGEST_FROM_QUERY_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  SetTable: { commandType: "TableSet", access: "ingest", run: (c, p) => ingestFromQuery(c, p, "set") },
  AppendTable: { commandType: "TableAppend", access: "ingest", run: (c, p) => ingestFromQuery(c, p, "append") },
  SetOrAppendTable: {
    commandType: "TableSetOrAppend",
    access: "ingest",
    run: (c, p) => ingestFromQuery(c, p, "set-or-append"),
  },
  SetOrReplaceTable: {
    commandType: "TableSetOrReplace",
    access: "ingest",
    run: (c, p) => ingestFromQuery(c, p, "set-or-replace"),
  },
};
