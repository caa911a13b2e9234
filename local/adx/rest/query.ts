import { diagnosticsOf, type KustoDiagnostic, lineAndColumn, parseAndAnalyze, toArray } from "../kusto/language";
import type { CommandContext } from "../commands/context";
import type { ResultTable } from "../commands/result";
import type { KustoType } from "../storage/kusto-types";
import { dataTableRef } from "../storage/sql";
import { KustoError } from "./errors";

function where(text: string, d: { code: string; message: string; start: number }): string {
  const { line, column } = lineAndColumn(text, d.start);
  return `${d.code}: ${d.message} (line ${line}, column ${column}, position ${d.start})`;
}

/**
 * Runs a query. The text is always parsed and analysed by Microsoft's parser first, so syntax errors (reported
 * first) and semantic errors come back with their position; then the translator in `local/adx/query/` compiles it
 * to DuckDB SQL, which runs under the storage lock (so it never sees half of a metadata change).
 */
export async function runQuery(
  ctx: CommandContext,
  text: string,
  parameters: Record<string, unknown>,
): Promise<ResultTable> {
  const code = parseAndAnalyze(text, ctx.globals());
  const syntax = toArray(code.GetSyntaxDiagnostics())[0];
  if (syntax) {
    const d: KustoDiagnostic = {
      code: String(syntax.Code),
      severity: String(syntax.Severity),
      message: String(syntax.Message),
      start: Number(syntax.Start),
      length: Number(syntax.Length),
    };
    throw KustoError.syntax(where(text, d), d.code);
  }
  const problem = diagnosticsOf(code).find((d) => d.severity === "Error");
  if (problem) throw KustoError.semantic(where(text, problem), problem.code);

  // Loaded lazily: control commands never depend on the translator.
  const { compileQuery, executeCompiled, QueryError } = await import("@/local/adx/query");
  const catalog = ctx.storage.catalog;
  try {
    const compiled = compileQuery(code, {
      tableSource: (name) => dataTableRef(name),
      functionDefinition: (name) => catalog.functions.get(name),
      parameters,
      now: new Date(),
    });
    const db = ctx.storage.db;
    const result = await db.exclusive(() => executeCompiled(db.connection, compiled));
    return { columns: result.columns.map((c) => ({ name: c.name, type: c.type as KustoType })), rows: result.rows };
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    const detail =
      error.start === undefined
        ? `${error.code}: ${error.message}`
        : where(text, { code: error.code, message: error.message, start: error.start });
    if (error.kustoCode === "BadRequest_SyntaxError") throw KustoError.syntax(detail, error.code);
    if (error.code.startsWith("LQ")) throw KustoError.badRequest(detail, error.code);
    throw KustoError.semantic(detail, error.code);
  }
}
