import { withAuth } from "@/lib/server/guard";
import { readPolicyHistory } from "@/lib/server/policies/history";
import { policiesTargetFor } from "@/lib/server/policies/target";

/** `GET /api/policies/history` (viewer): changes of Staging's retention and batching, from `.show journal`. */
export const GET = withAuth(
  async (_request, auth) => {
    const { executor, database, stagingTable } = policiesTargetFor(auth);
    return Response.json(await readPolicyHistory(executor, database, stagingTable), {
      headers: { "cache-control": "no-store" },
    });
  },
  { role: "viewer" },
);
