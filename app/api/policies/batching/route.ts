import { batchingRequestSchema } from "@/lib/schemas/policies";
import { withAuth } from "@/lib/server/guard";
import { parseJsonBody } from "@/lib/server/policies/request";
import { policiesTargetFor } from "@/lib/server/policies/target";
import { applyBatching } from "@/lib/server/policies/write";

/**
 * `POST /api/policies/batching` (admin): `{ mode: "table", MaximumBatchingTimeSpan, MaximumNumberOfItems,
 * MaximumRawDataSizeMB }` or `{ mode: "inherit" }`, validated by the form's own schema.
 */
export const POST = withAuth(
  async (request, auth) => {
    const body = await parseJsonBody(request, batchingRequestSchema, "policies");
    if (!body.ok) return body.response;
    return Response.json(await applyBatching(policiesTargetFor(auth), body.data), {
      headers: { "cache-control": "no-store" },
    });
  },
  { role: "admin" },
);
