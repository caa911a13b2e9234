import { withAuth } from "@/lib/server/guard";
import { readPolicies } from "@/lib/server/policies/read";
import { policiesTargetFor } from "@/lib/server/policies/target";

/** `GET /api/policies` (viewer): Staging's retention and batching (effective + source) and its update policies. */
export const GET = withAuth(
  async (_request, auth) =>
    Response.json(await readPolicies(policiesTargetFor(auth)), { headers: { "cache-control": "no-store" } }),
  { role: "viewer" },
);
