// zod/mini: the browser parses /api/me on every page (classic zod would add ≈25 KB gzip to its first request).
import * as z from "zod/mini";
import { ROLES } from "./roles";

// Here, not in roles.ts: the browser imports roles.ts on every page's first load, and this schema needs zod.
export const roleSchema = z.enum(ROLES);

/** `GET /api/me`: who the API thinks the caller is, from the verified access token. */
export const meSchema = z.object({
  oid: z.string(),
  name: z.string(),
  upn: z.string(),
  roles: z.array(roleSchema),
});
export type Me = z.infer<typeof meSchema>;
