import { applyRequestSchema } from "@/lib/schemas/tables";
import { applyTables } from "@/lib/server/apply";
import { withAuth } from "@/lib/server/guard";
import { kustoFor } from "@/lib/server/kusto";
import { appliedBy, jsonBody, noStoreJson, parseInput } from "@/lib/server/state/route-helpers";
import { consoleTarget } from "@/lib/server/state/target";

export const dynamic = "force-dynamic";

/** Bulk apply, body `{ tables: string[] }` (catalog names only, else 400); one result per table (`bulkApplyResponseSchema`). */
export const POST = withAuth(
  async (request, auth) => {
    const { tables } = parseInput(applyRequestSchema, await jsonBody(request));
    return noStoreJson(
      await applyTables({ executor: kustoFor(auth), target: consoleTarget(), appliedBy: appliedBy(auth) }, tables),
    );
  },
  { role: "admin" },
);
