import "server-only";
import { Client, ClientRequestProperties, KustoConnectionStringBuilder, type KustoResultTable } from "azure-kusto-data";
import { AppError } from "@/lib/errors";
import { mapKustoError } from "./errors";
import type { KustoExecutor, KustoResult, QueryOptions } from "./executor";
import { toParameterValue } from "./parameters";

export interface AdxExecutorOptions {
  /** ADX cluster URL, or the local engine's in local mode: same protocol, same code. */
  clusterUrl: string;
  /** Called by the client before each request; returns the caller's On-Behalf-Of token for the cluster. */
  getToken: () => Promise<string>;
}

/**
 * KustoExecutor over azure-kusto-data. Build one per request: the client holds the token provider of one user,
 * so it must never be shared across users (STYLE §3).
 */
export function createAdxExecutor(options: AdxExecutorOptions): KustoExecutor {
  let client: Client | undefined;
  const getClient = () =>
    (client ??= new Client(KustoConnectionStringBuilder.withTokenProvider(options.clusterUrl, options.getToken)));

  return {
    async executeQuery(database, query, queryOptions: QueryOptions = {}) {
      const properties = new ClientRequestProperties();
      for (const [name, value] of Object.entries(queryOptions.parameters ?? {}))
        properties.setParameter(name, toParameterValue(name, value));
      return run(() => getClient().executeQuery(database, query, properties));
    },
    async executeCommand(database, command) {
      if (!command.trimStart().startsWith("."))
        throw new TypeError("executeCommand takes management commands (starting with '.')");
      return run(() => getClient().executeMgmt(database, command));
    },
  };
}

async function run(call: () => Promise<{ primaryResults: KustoResultTable[] }>): Promise<KustoResult> {
  let table: KustoResultTable | undefined;
  try {
    table = (await call()).primaryResults[0];
  } catch (error) {
    throw mapKustoError(error);
  }
  if (!table) throw new AppError("internal:kusto", "The cluster returned no primary result.");
  return toResult(table);
}

function toResult(table: KustoResultTable): KustoResult {
  const columns = table.columns.map((column) => ({ name: column.name ?? "", type: column.type ?? "string" }));
  const rows: unknown[][] = [];
  // getValueAt gives the client's typed values (datetime → Date, timespan → ms).
  for (const row of table.rows()) rows.push(columns.map((_, index) => row.getValueAt(index)));
  return { columns, rows };
}
