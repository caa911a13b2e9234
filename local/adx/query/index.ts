/** The local engine's KQL query translator: Kusto.Language syntax tree → DuckDB SQL (see README.md). */
export type { CompileContext } from "./context";
export type { CompiledQuery } from "./compile";
export { compileQuery } from "./compile";
export { QueryError, type KustoErrorCode } from "./errors";
export { executeCompiled, type QueryResult } from "./execute";
export { ensureQueryFunctions } from "./duckdb-functions";
