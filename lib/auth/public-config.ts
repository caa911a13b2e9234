import { z } from "zod";

/**
 * What the browser needs to run MSAL, handed over by the server per request so one build serves real Entra ID and
 * the local identity provider. Nothing here is secret.
 */
export const publicAuthConfigSchema = z.object({
  clientId: z.string().min(1),
  /** Always https: MSAL refuses http authorities (in local mode a never-contacted `https://localidp.invalid/<tenant>`). */
  authority: z.url({ protocol: /^https$/ }),
  knownAuthorities: z.array(z.string().min(1)),
  /** Local mode only: the local IdP's discovery JSON (a string, as MSAL takes it), so MSAL never contacts `authority`. */
  authorityMetadata: z.string().optional(),
  /** The console API's delegated scope, `api://<api-client-id>/access_as_user`. */
  apiScope: z.string().min(1),
  mode: z.enum(["connected", "local"]),
});
export type PublicAuthConfig = z.infer<typeof publicAuthConfigSchema>;
