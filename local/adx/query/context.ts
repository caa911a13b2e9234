/** What the engine tells the compiler about the request: table sources, stored functions, parameters, time. */

export interface CompileContext {
  /**
   * SQL for the rows of a table, e.g. `"t"."Staging"`; the engine may substitute a CTE of new rows (update policies
   * run over the new rows only). It must expose the Kusto columns by name and `"$ingestion_time"`.
   */
  tableSource(name: string): string;
  /** Stored function text, for calls like FilterX() (the analyzer's expansion is used when it has one). */
  functionDefinition(name: string): { parameters: string; body: string } | undefined;
  /**
   * Request parameters for `declare query_parameters` (values as JSON-ish: strings, numbers, booleans, or KQL literal
   * strings like "datetime(2024-01-01)").
   */
  parameters: Record<string, unknown>;
  /** The request's time, for now()/ago(). */
  now: Date;
  /**
   * SQL (a relation usable after FROM) holding the result of the control command a text starts with, for a command
   * piped into query operators (`.show tables | where …`); it must expose the command's declared columns by name.
   * `commandText` is the command as the parser prints it. Without it, a control command is refused.
   */
  commandSource?(commandText: string): string;
  /**
   * Also yield the hidden `"$ingestion_time"` column (last) when the query is row-local (see `CompiledQuery.rowLocal`):
   * the ingestion pipeline uses it to tell which batch each output row came from.
   */
  keepIngestionTime?: boolean;
}
