import { randomUUID } from "node:crypto";

/**
 * An OAuth error shaped like Entra ID's: `error_description` starts with an AADSTS code and carries the
 * trace/correlation lines, `error_codes` repeats the number. Codes are the ones Entra ID uses for the same
 * situation where we know them; the local IdP does not reproduce Entra's full catalogue.
 */
export class IdpError extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: number,
    message: string,
    readonly status = 400,
  ) {
    super(`AADSTS${aadsts}: ${message}`);
    this.name = "IdpError";
  }
}

export interface OAuthErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

export function errorBody(err: IdpError, correlationId: string | undefined, errorUri: string): OAuthErrorBody {
  const traceId = randomUUID();
  const correlation = correlationId || randomUUID();
  // Entra's timestamp format: "2024-05-01 10:11:12Z".
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    error: err.error,
    error_description: `${err.message} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [err.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: errorUri,
  };
}

export const missingParameter = (name: string) =>
  new IdpError("invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);

export const invalidClient = (clientId: string) =>
  new IdpError(
    "unauthorized_client",
    700016,
    `Application with identifier '${clientId}' was not found in the directory 'contoso.local'.`,
  );
