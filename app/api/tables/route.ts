import { withAuth } from "@/lib/server/guard";
import { kustoFor } from "@/lib/server/kusto";
import { noStoreJson } from "@/lib/server/state/route-helpers";
import { consoleTarget } from "@/lib/server/state/target";
import { getTablesOverview } from "@/lib/server/state/views";

export const dynamic = "force-dynamic";

/** The checklist: Staging's prerequisites, every catalog table's status and the counts (`tablesResponseSchema`). */
export const GET = withAuth(
  async (_request, auth) => noStoreJson(await getTablesOverview(kustoFor(auth), consoleTarget())),
  {
    role: "viewer",
  },
);
