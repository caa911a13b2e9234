/** Entry point: analysed Kusto query → one DuckDB statement (a chain of CTEs) + parameters + result schema. */
import { diagnosticsOf, nodeType, resultColumns, toArray, type KustoCode } from "@/local/adx/kusto/language";

import type { CompileContext } from "./context";
import { LQ, QueryError, unsupported } from "./errors";
import { INGESTION_TIME, Translator } from "./relation";
import { Sql, compileSql, sql } from "./sql";
import { runStatements } from "./statements";
import { translateTabular } from "./translate-tabular";
import { elements } from "./tree";

/** A compiled query: SQL yielding the Kusto columns in order with their storage-layout DuckDB types. */
export interface CompiledQuery {
  sql: string;
  params: unknown[];
  columns: { name: string; type: string /* Kusto type */ }[];
  /**
   * Whether each output row derives from exactly one row of the tables read, through row-by-row operators only
   * (where, project*, extend, mv-expand, sort), so the rows keep their ingestion time. When set and the context asked
   * for it, the SQL yields `"$ingestion_time"` after the columns.
   */
  rowLocal: boolean;
}

/**
 * Where the control command a piped command starts with ends (0 for a query). Its handler validates it (and reports
 * a missing table as ADX does), so only diagnostics of the query operators after it count here.
 */
function commandEnd(code: KustoCode): number {
  let end = 0;
  code.Syntax.WalkElements((e: KustoCode) => {
    if (end === 0 && nodeType(e) === "CustomCommand") end = Number(e.TextStart) + Number(e.Width);
  });
  return end;
}

/** Refuses a text with analyzer errors, reporting the first (parse errors first, as ADX does). */
function assertValid(code: KustoCode, from: number): void {
  const syntax = toArray(code.GetSyntaxDiagnostics()).filter(
    (d: { Severity: unknown }) => String(d.Severity) === "Error",
  );
  const first = syntax[0];
  if (first) {
    throw QueryError.fromDiagnostic(
      {
        code: String(first.Code),
        severity: "Error",
        message: String(first.Message),
        start: Number(first.Start),
        length: Number(first.Length),
      },
      true,
    );
  }
  const semantic = diagnosticsOf(code).find((d) => d.severity === "Error" && d.start >= from);
  if (semantic) throw QueryError.fromDiagnostic(semantic, false);
}

/**
 * Compiles a query analysed by `parseAndAnalyze` against the database's globals.
 * @throws {QueryError} for analyzer diagnostics and for KQL outside the supported subset
 */
export function compileQuery(code: KustoCode, ctx: CompileContext): CompiledQuery {
  const piped = String(code.Kind) === "Command" && ctx.commandSource !== undefined;
  assertValid(code, piped ? commandEnd(code) : 0);
  if (String(code.Kind) !== "Query" && !piped)
    throw unsupported("A control command in a query request", undefined, LQ.unsupportedStatement);
  const t = new Translator(ctx);
  t.tabular = (node) => translateTabular(node, t);
  const result = translateTabular(runStatements(elements(code.Syntax.Statements), t), t);
  const columns = resultColumns(code);
  const same = columns.length === result.columns.length && columns.every((c, i) => c.name === result.columns[i]!.name);
  if (!same) {
    throw new QueryError(
      `Internal: translated columns (${result.columns.map((c) => c.name).join(", ")}) differ from the analyzer's (${columns.map((c) => c.name).join(", ")})`,
      LQ.internal,
      "General_BadRequest",
    );
  }
  const rowLocal = t.rowLocal && result.ingestionTime;
  const items = columns.map((c) => Sql.id(c.name));
  if (rowLocal && ctx.keepIngestionTime) items.push(Sql.id(INGESTION_TIME));
  const final = sql`SELECT ${Sql.join(items)} FROM ${Sql.id(result.cte)}`;
  const { text, params } = compileSql(t.finish(final));
  return { sql: text, params, columns: columns.map((c) => ({ name: c.name, type: c.type })), rowLocal };
}
