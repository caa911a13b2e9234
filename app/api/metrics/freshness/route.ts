import { withAuth } from "@/lib/server/guard";
import { readFreshness } from "@/lib/server/health/read";
import { healthTargetFor } from "@/lib/server/health/target";

/** `GET /api/metrics/freshness` (viewer): last event and ingestion per table, stale flag. */
export const GET = withAuth(
  async (_request, auth) =>
    Response.json(await readFreshness(healthTargetFor(auth)), { headers: { "cache-control": "no-store" } }),
  { role: "viewer" },
);
