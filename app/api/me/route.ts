import type { Me } from "@/lib/auth/me";
import { withAuth } from "@/lib/server/guard";

// The caller's identity as the API sees it; the browser derives what to show (useRole) from it.
export const GET = withAuth(
  (_request, { user }) =>
    Response.json({ oid: user.oid, name: user.name, upn: user.upn, roles: user.roles } satisfies Me, {
      headers: { "cache-control": "no-store" },
    }),
  { role: "viewer" },
);
