import { withAuth } from "@/lib/server/guard";
import { readStagingIntake } from "@/lib/server/health/intake";
import { kustoFor } from "@/lib/server/kusto";
import { noStoreJson } from "@/lib/server/state/route-helpers";
import { consoleTarget } from "@/lib/server/state/target";
import { getTablesOverview } from "@/lib/server/state/views";
import { tablesResponseSchema } from "@/lib/schemas/table-responses";

export const dynamic = "force-dynamic";

/**
 * The checklist: Staging's prerequisites, every catalog table's status and the counts (`tablesResponseSchema`), and
 * whether the event stream is waiting for Staging (`staging.intake`), asked of the engine alongside the state read.
 */
export const GET = withAuth(
  async (_request, auth) => {
    const target = consoleTarget();
    const [overview, intake] = await Promise.all([
      getTablesOverview(kustoFor(auth), target),
      readStagingIntake(auth, target.stagingTable),
    ]);
    return noStoreJson(
      tablesResponseSchema.parse({
        ...overview,
        staging: { ...overview.staging, intake: intake.intake },
        warnings: intake.warning ? [...overview.warnings, intake.warning] : overview.warnings,
      }),
    );
  },
  {
    role: "viewer",
  },
);
