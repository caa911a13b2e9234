import "server-only";
import { CLAIMS_CHALLENGE_CODE, type ClaimsChallengeBody } from "@/lib/auth/claims-challenge";
import { AppError } from "@/lib/errors";

/**
 * Entra ID refused the On-Behalf-Of exchange until the user does more (MFA, Conditional Access, consent). Answers
 * 401 `{ code: "unauthorized:claims", message, claims }` so the SPA can call `acquireTokenRedirect({ claims })`.
 */
export class ClaimsChallengeError extends AppError {
  readonly claims: string | undefined;

  constructor(claims: string | undefined, error?: unknown) {
    super("unauthorized:claims", undefined, {
      message: "Your organisation requires you to sign in again before the cluster can be used.",
      error,
    });
    this.claims = claims || undefined;
  }

  override toBody(): ClaimsChallengeBody {
    return { code: CLAIMS_CHALLENGE_CODE, message: this.message, ...(this.claims ? { claims: this.claims } : {}) };
  }
}
