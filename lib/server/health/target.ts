import "server-only";
import { env } from "@/lib/env";
import type { AuthContext } from "@/lib/server/guard";
import { kustoFor } from "@/lib/server/kusto";
import type { HealthTarget } from "./read";

/** The configured database, queried as the caller (On-Behalf-Of). */
export function healthTargetFor(auth: Pick<AuthContext, "token">): HealthTarget {
  return { executor: kustoFor(auth), database: env.KUSTO_DATABASE };
}

/** The configured Staging table (whose batches the batches chart shows). */
export function stagingTable(): string {
  return env.KUSTO_STAGING_TABLE;
}
