import { z } from "zod";

/**
 * Typed errors with a `type:surface` code (STYLE §2.8, §8). Route handlers throw or return an AppError; the browser
 * reads the same `{ code, message, cause? }` body back with {@link errorBodySchema}. This module has no Next or
 * Node dependencies so both sides can import it.
 */

/** What went wrong, and the HTTP status it maps to. `internal` is the fallback for errors we did not anticipate. */
export const STATUS_BY_TYPE = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limit: 429,
  internal: 500,
  offline: 503,
} as const;

export type ErrorType = keyof typeof STATUS_BY_TYPE;

/** Where it went wrong: our API, sign-in, the cluster, or a feature area. */
export const SURFACES = ["api", "auth", "claims", "kusto", "tables", "policies", "health"] as const;
export type Surface = (typeof SURFACES)[number];

export type ErrorCode = `${ErrorType}:${Surface}`;

const MESSAGES: Record<ErrorType, string> = {
  bad_request: "The request is invalid.",
  unauthorized: "You need to sign in to continue.",
  forbidden: "You do not have permission to do this.",
  not_found: "The requested resource was not found.",
  conflict: "Another change is in progress. Try again when it has finished.",
  rate_limit: "Too many requests. Try again in a moment.",
  internal: "Something went wrong on the server.",
  offline: "The service is unavailable right now. Try again shortly.",
};

// Surfaces where a more specific message helps the user decide what to do next.
const SPECIFIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  "unauthorized:auth": "Your session has expired or is invalid. Sign in again.",
  "forbidden:kusto": "The cluster refused this operation for your account.",
  "rate_limit:kusto": "The cluster is throttling requests. Try again in a moment.",
  "offline:kusto": "The cluster cannot be reached right now. Try again shortly.",
  "bad_request:kusto": "The cluster rejected the command.",
  "offline:auth": "The identity provider cannot be reached right now. Try again shortly.",
};

/** The JSON body every error response carries. */
export const errorBodySchema = z.object({
  code: z.string().regex(/^[a-z_]+:[a-z_]+$/),
  message: z.string(),
  cause: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const REDACTIONS: readonly [RegExp, string][] = [
  // Bearer tokens and bare JWTs (header.payload.signature, base64url).
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]"],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[redacted token]"],
  // Secrets in connection strings and form/query bodies: AppKey=…; client_secret=…&
  [
    /\b(client_secret|clientsecret|password|pwd|appkey|applicationkey|application\s+key|access_token|refresh_token|assertion|code_verifier)(\s*[=:]\s*)("[^"]*"|[^;&\s,]+)/gi,
    "$1$2[redacted]",
  ],
];

/** Removes tokens and secrets from text that may reach a log or a response. */
export function redact(text: string): string {
  return REDACTIONS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function isErrorCode(code: string): code is ErrorCode {
  const [type, surface, ...rest] = code.split(":");
  return (
    rest.length === 0 && !!type && type in STATUS_BY_TYPE && (SURFACES as readonly string[]).includes(surface ?? "")
  );
}

export interface AppErrorOptions {
  /** Overrides the default message for the code; shown to the user. */
  message?: string;
  /** For 429 and 503: seconds the client should wait (sent as Retry-After). */
  retryAfterSeconds?: number;
  /** The underlying error, for server logs only; never serialized. */
  error?: unknown;
}

/**
 * An error with a stable `type:surface` code. `cause` (a string) is a user-safe detail such as the cluster's own
 * error text; it is redacted again before it is sent.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly surface: Surface;
  readonly status: number;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail?: string, options: AppErrorOptions = {}) {
    if (!isErrorCode(code)) throw new TypeError(`Unknown error code: ${String(code)}`);
    const [type, surface] = code.split(":") as [ErrorType, Surface];
    super(options.message ?? SPECIFIC_MESSAGES[code] ?? MESSAGES[type], { cause: options.error });
    this.name = "AppError";
    this.code = code;
    this.type = type;
    this.surface = surface;
    this.status = STATUS_BY_TYPE[type];
    this.detail = detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The response body: code, message and the redacted detail. The wrapped error is never included. */
  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.detail) body.cause = redact(this.detail);
    return body;
  }

  toResponse(): Response {
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (this.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.ceil(this.retryAfterSeconds));
    return Response.json(this.toBody(), { status: this.status, headers });
  }
}

/** Any thrown value as an error response: an AppError as itself, anything else as a generic 500 (logged). */
export function toErrorResponse(error: unknown, surface: Surface = "api"): Response {
  if (error instanceof AppError) return error.toResponse();
  // Unexpected errors may carry internals (URLs, headers); log them redacted, send only the generic message.
  console.error(`[${surface}]`, redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return new AppError(`internal:${surface}`).toResponse();
}
