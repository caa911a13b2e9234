import { z } from "zod";

/**
 * The error code the API answers (HTTP 401) when Entra ID wants more from the user before it issues the ADX token
 * (Conditional Access, MFA, consent). `claims` is the challenge to pass to MSAL's next interactive request.
 */
export const CLAIMS_CHALLENGE_CODE = "unauthorized:claims";

export const claimsChallengeBodySchema = z.object({
  code: z.literal(CLAIMS_CHALLENGE_CODE),
  message: z.string(),
  claims: z.string().optional(),
});
export type ClaimsChallengeBody = z.infer<typeof claimsChallengeBodySchema>;
