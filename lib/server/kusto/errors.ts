import "server-only";
import { KustoDataErrors } from "azure-kusto-data";
import { AppError, redact } from "@/lib/errors";

/** Seconds to suggest after a 429 when the cluster sends no Retry-After. */
export const DEFAULT_RETRY_AFTER_SECONDS = 10;

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Maps whatever azure-kusto-data throws to an AppError (platform-notes §8.2): HTTP 400 is a plain AxiosError whose
 * Kusto text is in `response.data.error["@message"]`; 429 is a ThrottlingError; token-provider failures arrive
 * wrapped in KustoAuthenticationError. Logs a one-line redacted summary, never the axios error (it holds headers).
 */
export function mapKustoError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof KustoDataErrors.KustoAuthenticationError) {
    // Our token provider (On-Behalf-Of) already speaks AppError, e.g. a claims challenge for the browser.
    if (error.inner instanceof AppError) return error.inner;
    return new AppError("unauthorized:kusto", undefined, { error });
  }
  if (error instanceof KustoDataErrors.ThrottlingError) {
    const retryAfter = retryAfterSeconds(
      isAxiosError(error.inner) ? error.inner.response?.headers["retry-after"] : undefined,
    );
    log("throttled (429)");
    return new AppError("rate_limit:kusto", undefined, { error, retryAfterSeconds: retryAfter });
  }
  if (isAxiosError(error)) {
    const status = error.response?.status;
    if (status === undefined) {
      log(`network error ${error.code ?? ""}`);
      return new AppError("offline:kusto", undefined, { error });
    }
    const message = kustoMessage(error.response?.data);
    log(`HTTP ${status}${message ? `: ${message}` : ""}`);
    if (status === 400) return new AppError("bad_request:kusto", message, { error });
    if (status === 401) return new AppError("unauthorized:kusto", message, { error });
    if (status === 403) return new AppError("forbidden:kusto", message, { error });
    if (status === 404) return new AppError("not_found:kusto", message, { error });
    if (status === 409) return new AppError("conflict:kusto", message, { error });
    if (status === 429)
      return new AppError("rate_limit:kusto", undefined, { error, retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS });
    if (status === 502 || status === 503 || status === 504) return new AppError("offline:kusto", message, { error });
    return new AppError("internal:kusto", message, { error });
  }
  const text = error instanceof Error ? error.message : String(error);
  if (isNetworkFailure(error) || text.startsWith("Failed to get cloud info")) {
    log(`unreachable: ${text}`);
    return new AppError("offline:kusto", undefined, { error });
  }
  // A 200 answer that reports query errors (OneApiErrors / QueryCompletionInformation) is the query's fault.
  if (text.startsWith("Kusto request had errors.")) {
    log(text);
    return new AppError("bad_request:kusto", text.replace(/^Kusto request had errors\.\s*/, ""), { error });
  }
  log(`unexpected: ${text}`);
  return new AppError("internal:kusto", undefined, { error });
}

interface HttpFailure {
  isAxiosError: true;
  code?: string;
  response?: { status: number; data?: unknown; headers: Record<string, unknown> };
}

// Structural check: axios is azure-kusto-data's dependency, not ours, so we do not import it.
function isAxiosError(error: unknown): error is HttpFailure {
  return typeof error === "object" && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

function kustoMessage(data: unknown): string | undefined {
  const inner = (data as { error?: { "@message"?: unknown; message?: unknown } } | undefined)?.error;
  const message = inner?.["@message"] ?? inner?.message;
  return typeof message === "string" && message !== "" ? message : undefined;
}

function retryAfterSeconds(header: unknown): number {
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  const date = typeof header === "string" ? Date.parse(header) : NaN;
  if (Number.isFinite(date)) return Math.max(1, Math.ceil((date - Date.now()) / 1000));
  return DEFAULT_RETRY_AFTER_SECONDS;
}

function isNetworkFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  }
  return false;
}

function log(summary: string): void {
  console.warn(`[kusto] ${redact(summary)}`);
}
