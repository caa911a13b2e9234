import { applyStaging } from "@/lib/server/apply";
import { withAuth } from "@/lib/server/guard";
import { kustoFor } from "@/lib/server/kusto";
import { appliedBy, noStoreJson } from "@/lib/server/state/route-helpers";
import { consoleTarget } from "@/lib/server/state/target";

export const dynamic = "force-dynamic";

/** Sets up the Staging prerequisites (table, mapping, retention, batching) as one script (`applyResultSchema`). */
export const POST = withAuth(
  async (_request, auth) =>
    noStoreJson(await applyStaging({ executor: kustoFor(auth), target: consoleTarget(), appliedBy: appliedBy(auth) })),
  { role: "admin" },
);
