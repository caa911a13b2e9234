import "server-only";
import { env } from "@/lib/env";
import type { AuthContext } from "@/lib/server/guard";
import { kustoFor } from "@/lib/server/kusto";
import type { PoliciesTarget } from "./read";

/** The configured database and Staging table, read and changed as the caller (On-Behalf-Of). */
export function policiesTargetFor(auth: Pick<AuthContext, "token">): PoliciesTarget {
  return { executor: kustoFor(auth), database: env.KUSTO_DATABASE, stagingTable: env.KUSTO_STAGING_TABLE };
}
