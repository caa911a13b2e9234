import * as z from "zod/mini";

/** The body of our API's error answers (`lib/errors.ts` on the server); `claims` only for a claims challenge. */
export const errorResponseSchema = z.object({
  code: z.string(),
  message: z.string(),
  cause: z.optional(z.string()),
  claims: z.optional(z.string()),
});
