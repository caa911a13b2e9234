/**
 * The error code the API answers (HTTP 401) when Entra ID wants more from the user before it issues the ADX token
 * (Conditional Access, MFA, consent). `claims` is the challenge to pass to MSAL's next interactive request.
 */
export const CLAIMS_CHALLENGE_CODE = "unauthorized:claims";

/**
 * The body of that answer. A plain type, not a zod schema: the browser imports this module on every page's first
 * load (for the code), and the browser reads the body with lib/api/error-response.ts, loaded only when needed.
 */
export interface ClaimsChallengeBody {
  code: typeof CLAIMS_CHALLENGE_CODE;
  message: string;
  claims?: string | undefined;
}
