import { tableParamsSchema } from "@/lib/schemas/tables";
import { applyTable } from "@/lib/server/apply";
import { withAuth } from "@/lib/server/guard";
import { kustoFor } from "@/lib/server/kusto";
import { appliedBy, noStoreJson, parseInput } from "@/lib/server/state/route-helpers";
import { consoleTarget } from "@/lib/server/state/target";

export const dynamic = "force-dynamic";

/**
 * Applies one table's plan as one script (`applyResultSchema`). 200 with the per-command results, including an
 * outcome `failed` (which command, why); 409 `conflict:tables` while another apply of the table runs; 404 off-catalog.
 */
export const POST = withAuth<{ table: string }>(
  async (_request, auth, { params }) => {
    const { table } = parseInput(tableParamsSchema, await params, "not_found:tables");
    return noStoreJson(
      await applyTable({ executor: kustoFor(auth), target: consoleTarget(), appliedBy: appliedBy(auth) }, table),
    );
  },
  { role: "admin" },
);
