import { retentionRequestSchema } from "@/lib/schemas/policies";
import { withAuth } from "@/lib/server/guard";
import { parseJsonBody } from "@/lib/server/policies/request";
import { policiesTargetFor } from "@/lib/server/policies/target";
import { applyRetention } from "@/lib/server/policies/write";

/** `POST /api/policies/retention` (admin): `{ softDelete, recoverability? }`, validated by the form's own schema. */
export const POST = withAuth(
  async (request, auth) => {
    const body = await parseJsonBody(request, retentionRequestSchema, "policies");
    if (!body.ok) return body.response;
    return Response.json(await applyRetention(policiesTargetFor(auth), body.data), {
      headers: { "cache-control": "no-store" },
    });
  },
  { role: "admin" },
);
