/**
 * The one adapter around Microsoft's Kusto.Language (Bridge.NET build of `@kusto/language-service-next`).
 * The package registers globals instead of exporting modules, so everything that touches it goes through here.
 */
import { kustoRuntime } from "@/lib/kusto-runtime";

/* eslint-disable @typescript-eslint/no-explicit-any -- Bridge.NET objects are untyped at this boundary. */
export type KustoNode = any;
export type KustoCode = any;
export type GlobalState = any;

/** A column as Kusto names it: name and Kusto type name (`string`, `long`, `datetime`, …). */
export interface SchemaColumn {
  readonly name: string;
  readonly type: string;
}

/** What the analyzer needs to know about one database. */
export interface DatabaseSchema {
  readonly name: string;
  readonly tables: readonly { readonly name: string; readonly columns: readonly SchemaColumn[] }[];
  /** `parameters` keeps its parentheses (`()`), `body` its braces (`{ … }`), as `.show functions` returns them. */
  readonly functions: readonly { readonly name: string; readonly parameters: string; readonly body: string }[];
}

/** A diagnostic from the parser or analyzer, with its position in the text. */
export interface KustoDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly start: number;
  readonly length: number;
}

export { kustoRuntime } from "@/lib/kusto-runtime";

/** Converts a Bridge.NET list (`IReadOnlyList`) to a JS array; null becomes `[]`. */
export function toArray<T = any>(list: unknown): T[] {
  return list == null ? [] : (kustoRuntime().Bridge.toArray(list) as T[]);
}

/** The syntax node's class name without namespace, e.g. `PipeExpression`, `FilterOperator`. */
export function nodeType(node: KustoNode): string {
  return String(kustoRuntime().Bridge.getTypeName(node)).replace(/^Kusto\.Language\.(Syntax|Symbols)\./, "");
}

/** The name of a `SyntaxKind` value, e.g. `EqualEqualExpression`. */
export function syntaxKindName(kind: number): string {
  const { System, Bridge, Kusto } = kustoRuntime();
  return System.Enum.getName(Kusto.Language.Syntax.SyntaxKind, Bridge.box(kind, Kusto.Language.Syntax.SyntaxKind));
}

/** Builds the analyzer's global state for one database (tables with columns, stored functions). */
export function buildGlobals(schema: DatabaseSchema): GlobalState {
  const { Kusto } = kustoRuntime();
  const S = Kusto.Language.Symbols;
  const tables = schema.tables.map(
    (t) =>
      new S.TableSymbol.$ctor7(t.name, `(${t.columns.map((c) => `${bracket(c.name)}:${c.type}`).join(", ")})`, null),
  );
  const functions = schema.functions.map((f) => new S.FunctionSymbol.$ctor16(f.name, f.parameters, f.body, null));
  const db = new S.DatabaseSymbol.ctor(schema.name, [...tables, ...functions]);
  return Kusto.Language.GlobalState.Default.WithDatabase(db);
}

/** Parses and analyses a query or command against the given globals. */
export function parseAndAnalyze(text: string, globals: GlobalState): KustoCode {
  return kustoRuntime().Kusto.Language.KustoCode.ParseAndAnalyze(text, globals);
}

/** Parses only (no semantic analysis): syntax diagnostics and the command shape. */
export function parse(text: string, globals: GlobalState): KustoCode {
  return kustoRuntime().Kusto.Language.KustoCode.Parse(text, globals);
}

/** All diagnostics of an analysed text (syntax and semantic), as plain objects. */
export function diagnosticsOf(code: KustoCode): KustoDiagnostic[] {
  return toArray(code.GetDiagnostics()).map((d: any) => ({
    code: String(d.Code),
    severity: String(d.Severity),
    message: String(d.Message),
    start: Number(d.Start),
    length: Number(d.Length),
  }));
}

/** 1-based line and column of a text offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The result columns of an analysed query or command (`code.ResultType`), as name + Kusto type. */
export function resultColumns(code: KustoCode): SchemaColumn[] {
  const rt = code.ResultType;
  if (!rt || !rt.Columns) return [];
  return toArray(rt.Columns).map((c: any) => ({ name: String(c.Name), type: String(c.Type.Name) }));
}

// Column names in a table-schema string must be bracketed when they are not plain identifiers or are keywords
// (`last`, `first`, …); the parser's own rule decides, or the schema would be cut short at that column.
function bracket(name: string): string {
  return String(kustoRuntime().Kusto.Language.KustoFacts.BracketNameIfNecessary(name));
}
