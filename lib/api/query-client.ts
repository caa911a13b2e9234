import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-error";

/** The QueryClient defaults, in one place (STYLE §4). */

// Retrying these cannot succeed: the request or the caller's rights must change first.
const FINAL_STATUSES = new Set([400, 401, 403, 404, 409, 422]);
const MAX_RETRIES = 2;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && FINAL_STATUSES.has(error.status)) return false;
  return failureCount < MAX_RETRIES;
}

/** Honours the server's Retry-After (429/503), else exponential backoff capped at 10 s. */
export function retryDelay(attempt: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds) return error.retryAfterSeconds * 1000;
  return Math.min(1000 * 2 ** attempt, 10_000);
}

export interface QueryClientHooks {
  /** The API no longer accepts the session even with a fresh token: back to the sign-in screen. */
  onSessionInvalid(): void;
}

export function makeQueryClient(hooks: QueryClientHooks): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.isSessionInvalid) hooks.onSessionInvalid();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
