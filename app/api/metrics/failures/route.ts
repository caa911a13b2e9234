import { rangeQuerySchema } from "@/lib/schemas/health";
import { withAuth } from "@/lib/server/guard";
import { readFailures } from "@/lib/server/health/read";
import { healthTargetFor } from "@/lib/server/health/target";
import { parseSearchParams } from "@/lib/server/policies/request";

/** `GET /api/metrics/failures?range=1h|24h|7d` (viewer). */
export const GET = withAuth(
  async (request, auth) => {
    const query = parseSearchParams(request, rangeQuerySchema, "health");
    if (!query.ok) return query.response;
    return Response.json(await readFailures(healthTargetFor(auth), query.data.range), {
      headers: { "cache-control": "no-store" },
    });
  },
  { role: "viewer" },
);
