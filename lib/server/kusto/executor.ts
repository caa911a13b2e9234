import "server-only";

/** A result column as the cluster typed it (`string`, `long`, `datetime`, `dynamic`, …). */
export interface KustoColumn {
  name: string;
  type: string;
}

/** The primary result: typed values (datetime → Date, timespan → milliseconds, dynamic → parsed JSON). */
export interface KustoResult {
  columns: KustoColumn[];
  rows: unknown[][];
}

export type KustoParameterValue = string | number | boolean | Date;

export interface QueryOptions {
  /**
   * Values for the query's `declare query_parameters(name:type, …)` statement; user input goes here, never into the
   * query text (STYLE §2.5).
   */
  parameters?: Record<string, KustoParameterValue>;
}

/** How the console talks to a cluster, whichever cluster it is (ADX or the local engine). */
export interface KustoExecutor {
  executeQuery(database: string, query: string, options?: QueryOptions): Promise<KustoResult>;
  /** Management commands (`.show …`, `.create …`); they cannot take parameters. */
  executeCommand(database: string, command: string): Promise<KustoResult>;
}
