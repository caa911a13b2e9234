import type { core, output } from "zod/mini";
import { ApiError, apiErrorFrom } from "./api-error";

export { ApiError } from "./api-error";

/**
 * The ONE browser fetch wrapper (STYLE §4): gets a token for our API, sends it, parses the answer with the
 * caller's zod schema, and throws ApiError with the server's code. Components never call fetch themselves.
 */
export interface TokenSource {
  /** An access token for the console API; `forceRefresh` skips MSAL's cache. */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** The API relayed a claims challenge: start an interactive request with it. */
  onClaimsChallenge(claims: string | undefined): Promise<void>;
}

let tokenSource: TokenSource | undefined;

/** Set once by app/providers.tsx in the browser (null-safe for tests and SSR). */
export function setTokenSource(source: TokenSource | undefined): void {
  tokenSource = source;
}

export interface ApiRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * A zod or zod/mini schema: both have `safeParse`. Called as a method so this module (on every page's first load)
 * imports nothing from zod at run time.
 */
type ResponseSchema = core.$ZodType & {
  safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: { message: string } };
};

/**
 * `schema` may be a zod or zod/mini schema, or a promise of one: the browser's queries import their schemas (and
 * zod with them) when they first run, in parallel with the request, so zod is not part of a page's first load.
 */
export function apiFetch<S extends ResponseSchema>(
  path: string,
  schema: Promise<S>,
  request?: ApiRequest,
): Promise<output<S>>;
// Last, so `Parameters<typeof apiFetch>[1]` (lib/queries/health.ts) is a plain schema.
export function apiFetch<S extends ResponseSchema>(path: string, schema: S, request?: ApiRequest): Promise<output<S>>;
export async function apiFetch<S extends ResponseSchema>(
  path: string,
  schema: S | Promise<S>,
  request: ApiRequest = {},
): Promise<output<S>> {
  // Marked handled now: it is awaited only after the response, and may not be if the request fails first.
  if (schema instanceof Promise) schema.catch(() => undefined);
  const response = await authorizedResponse(path, request);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError("internal:api", "The server sent an answer that is not JSON.", response.status);
  }
  const parsed = (await schema).safeParse(json);
  if (!parsed.success)
    throw new ApiError(
      "internal:api",
      "The server sent an answer in an unexpected shape.",
      response.status,
      parsed.error.message,
    );
  return parsed.data as output<S>;
}

/** A file download (e.g. the setup script) with the same token and error handling as {@link apiFetch}. */
export async function apiFetchBlob(path: string, request: Pick<ApiRequest, "signal"> = {}): Promise<Blob> {
  const response = await authorizedResponse(path, request, "*/*");
  return response.blob();
}

/** Sends the request with a token; one retry with a fresh token when the server rejects a cached one. */
async function authorizedResponse(path: string, request: ApiRequest, accept = "application/json"): Promise<Response> {
  const source = tokenSource;
  if (!source) throw new ApiError("unauthorized:auth", "You need to sign in to continue.", 401);

  let response = await send(path, request, await source.getToken(), accept);
  if (response.status === 401) {
    const error = await apiErrorFrom(response);
    if (error.isClaimsChallenge) {
      await source.onClaimsChallenge(error.claims);
      throw error;
    }
    if (!error.isSessionInvalid) throw error;
    // A token the server rejects though MSAL still caches it (clock skew, revoked): one fresh token, then give up.
    response = await send(path, request, await source.getToken({ forceRefresh: true }), accept);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return response;
}

async function send(path: string, request: ApiRequest, token: string, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, authorization: `Bearer ${token}` };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  try {
    return await fetch(path, {
      method: request.method ?? "GET",
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
      cache: "no-store",
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new ApiError("offline:api", "The console server cannot be reached. Check your connection.", 0);
  }
}
