import { rangeQuerySchema } from "@/lib/schemas/health";
import { withAuth } from "@/lib/server/guard";
import { readBatches } from "@/lib/server/health/batches";
import { stagingTable } from "@/lib/server/health/target";
import { parseSearchParams } from "@/lib/server/policies/request";

/** `GET /api/metrics/batches?range=1h|24h|7d` (viewer): batches sealed on Staging (local engine only). */
export const GET = withAuth(
  async (request, auth) => {
    const query = parseSearchParams(request, rangeQuerySchema, "health");
    if (!query.ok) return query.response;
    return Response.json(await readBatches(auth, stagingTable(), query.data.range), {
      headers: { "cache-control": "no-store" },
    });
  },
  { role: "viewer" },
);
