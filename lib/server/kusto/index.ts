import "server-only";
import { AppError } from "@/lib/errors";
import { getAuthSettings } from "../auth/config";
import { acquireTokenOnBehalfOf } from "../auth/obo";
import type { AuthContext } from "../guard";
import { createAdxExecutor } from "./adx-executor";
import type { KustoExecutor } from "./executor";

export type { KustoColumn, KustoExecutor, KustoParameterValue, KustoResult, QueryOptions } from "./executor";

/**
 * The executor for one request, acting as its caller: ADX in connected mode, the local engine in local mode,
 * each with an On-Behalf-Of token for that cluster. Route handlers get `auth` from withAuth.
 */
export function kustoFor(auth: Pick<AuthContext, "token">): KustoExecutor {
  const { clusterUrl } = getAuthSettings();
  if (!clusterUrl) throw new AppError("internal:kusto", "KUSTO_CLUSTER_URL is not configured.");
  return createAdxExecutor({ clusterUrl, getToken: () => acquireTokenOnBehalfOf(auth.token, clusterUrl) });
}
