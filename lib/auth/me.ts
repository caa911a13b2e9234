import { z } from "zod";
import { roleSchema } from "./roles";

/** `GET /api/me`: who the API thinks the caller is, from the verified access token. */
export const meSchema = z.object({
  oid: z.string(),
  name: z.string(),
  upn: z.string(),
  roles: z.array(roleSchema),
});
export type Me = z.infer<typeof meSchema>;
