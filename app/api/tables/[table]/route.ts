import { tableParamsSchema } from "@/lib/schemas/tables";
import { withAuth } from "@/lib/server/guard";
import { kustoFor } from "@/lib/server/kusto";
import { noStoreJson, parseInput } from "@/lib/server/state/route-helpers";
import { consoleTarget } from "@/lib/server/state/target";
import { getTableDetail } from "@/lib/server/state/views";

export const dynamic = "force-dynamic";

/** One table: catalog columns, generated texts, the cluster's versions, status, plan and history. 404 off-catalog. */
export const GET = withAuth<{ table: string }>(
  async (_request, auth, { params }) => {
    const { table } = parseInput(tableParamsSchema, await params, "not_found:tables");
    return noStoreJson(await getTableDetail(kustoFor(auth), consoleTarget(), table));
  },
  { role: "viewer" },
);
