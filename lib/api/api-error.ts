import { CLAIMS_CHALLENGE_CODE } from "@/lib/auth/claims-challenge";

/** An error answer from our API (or the network), with the server's `type:surface` code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly detail?: string,
    readonly retryAfterSeconds?: number,
    /** Set for `unauthorized:claims`: the challenge for the next interactive token request. */
    readonly claims?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get isClaimsChallenge(): boolean {
    return this.code === CLAIMS_CHALLENGE_CODE;
  }

  /** The session itself is no longer accepted (not a downstream 401 such as `unauthorized:kusto`). */
  get isSessionInvalid(): boolean {
    return this.code === "unauthorized:auth";
  }
}

/** Reads an error response into an ApiError; a body that is not ours becomes `internal:api` with the status. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  // Imported here, not at the top: this module is on every page's first load, its schema (and zod) need not be.
  const { errorResponseSchema } = await import("./error-response");
  const body = errorResponseSchema.safeParse(await response.json().catch(() => undefined));
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (!body.success)
    return new ApiError(
      "internal:api",
      `The server answered ${response.status} ${response.statusText}.`,
      response.status,
    );
  const { code, message, cause, claims } = body.data;
  return new ApiError(code, message, response.status, cause, retryAfterSeconds, claims);
}
