import { QueryClient } from "@tanstack/react-query";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as getMe } from "@/app/api/me/route";
import { meSchema } from "@/lib/auth/me";
import { ClaimsChallengeError } from "@/lib/server/auth/claims-challenge";
import { withAuth } from "@/lib/server/guard";
import { startAuthHarness, type AuthHarness } from "@/lib/server/testing/auth-harness";
import { serveRoutes } from "@/lib/server/testing/route-server";
import { ApiError, apiFetch, setTokenSource, type TokenSource } from "@/lib/api/client";
import { makeQueryClient, retryDelay, shouldRetry } from "@/lib/api/query-client";

/**
 * (Lives under lib/server because it serves the real route handlers; lib/api may not import lib/server.)
 * The browser's fetch wrapper against our real route handlers over HTTP, with real tokens from the local IdP.
 * MSAL (browser) cannot run in Node, so the token source here is a list of tokens to hand out in order.
 */
const CLAIMS = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
let harness: AuthHarness;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  harness = await startAuthHarness();
  server = await serveRoutes({
    "/api/me": getMe,
    "/api/challenge": withAuth(
      () => {
        throw new ClaimsChallengeError(CLAIMS);
      },
      { role: "viewer" },
    ),
    "/api/throttled": withAuth(
      () =>
        Response.json(
          { code: "rate_limit:kusto", message: "slow down" },
          { status: 429, headers: { "retry-after": "3" } },
        ),
      { role: "viewer" },
    ),
    "/api/odd": withAuth(() => Response.json({ unexpected: true }), { role: "viewer" }),
  });
});
afterAll(async () => {
  setTokenSource(undefined);
  await server?.close();
  await harness?.stop();
});

interface Recorder extends TokenSource {
  calls: { forceRefresh: boolean }[];
  challenges: (string | undefined)[];
}

function tokens(...sequence: string[]): Recorder {
  const recorder: Recorder = {
    calls: [],
    challenges: [],
    async getToken(options = {}) {
      recorder.calls.push({ forceRefresh: !!options.forceRefresh });
      return sequence[Math.min(recorder.calls.length - 1, sequence.length - 1)]!;
    },
    async onClaimsChallenge(claims) {
      recorder.challenges.push(claims);
    },
  };
  setTokenSource(recorder);
  return recorder;
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeEach(() => setTokenSource(undefined));

describe("apiFetch", () => {
  it("sends the token and returns the body parsed by the caller's schema", async () => {
    tokens(harness.tokens.viewer);
    expect(await apiFetch(`${server.url}/api/me`, meSchema)).toMatchObject({
      upn: "viewer@contoso.local",
      roles: ["viewer"],
    });
  });

  it("refuses to call without a signed-in session", async () => {
    expect((await apiError(apiFetch(`${server.url}/api/me`, meSchema))).code).toBe("unauthorized:auth");
  });

  it("retries once with a fresh token when the server rejects a cached one", async () => {
    const source = tokens(harness.tokens.expired, harness.tokens.admin);
    expect((await apiFetch(`${server.url}/api/me`, meSchema)).roles).toEqual(["viewer", "admin"]);
    expect(source.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it("gives up with the server's code when the fresh token is rejected too", async () => {
    const source = tokens(harness.tokens.wrongAudience);
    const error = await apiError(apiFetch(`${server.url}/api/me`, meSchema));
    expect(error).toMatchObject({ code: "unauthorized:auth", status: 401, isSessionInvalid: true });
    expect(error.detail).toMatch(/audience/);
    expect(source.calls.length).toBe(2);
  });

  it("hands a claims challenge to the token source for an interactive request", async () => {
    const source = tokens(harness.tokens.viewer);
    const error = await apiError(apiFetch(`${server.url}/api/challenge`, z.unknown()));
    expect(error).toMatchObject({ code: "unauthorized:claims", isClaimsChallenge: true, claims: CLAIMS });
    expect(source.challenges).toEqual([CLAIMS]);
    expect(source.calls.length).toBe(1);
  });

  it("keeps the Retry-After hint of a 429", async () => {
    tokens(harness.tokens.viewer);
    const error = await apiError(apiFetch(`${server.url}/api/throttled`, z.unknown()));
    expect(error).toMatchObject({ code: "rate_limit:kusto", status: 429, retryAfterSeconds: 3 });
    expect(shouldRetry(0, error)).toBe(true);
    expect(retryDelay(0, error)).toBe(3000);
  });

  it("rejects an answer of the wrong shape", async () => {
    tokens(harness.tokens.viewer);
    expect((await apiError(apiFetch(`${server.url}/api/odd`, meSchema))).code).toBe("internal:api");
  });

  it("reports an unreachable server as offline", async () => {
    tokens(harness.tokens.viewer);
    const error = await apiError(apiFetch("http://127.0.0.1:9/api/me", meSchema));
    expect(error).toMatchObject({ code: "offline:api", status: 0 });
  });
});

describe("QueryClient defaults", () => {
  it.each([
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [429, true],
    [500, true],
    [503, true],
    [0, true],
  ])("status %i retried: %s", (status, retried) => {
    expect(shouldRetry(0, new ApiError("x:api", "x", status))).toBe(retried);
  });

  it("stops retrying after two attempts", () => {
    expect(shouldRetry(2, new ApiError("internal:api", "x", 500))).toBe(false);
  });

  it("ends the session when a query is rejected as unauthenticated, not for a downstream 401", async () => {
    let ended = 0;
    const client: QueryClient = makeQueryClient({ onSessionInvalid: () => void ended++ });
    tokens(harness.tokens.wrongAudience);
    await client
      .fetchQuery({ queryKey: ["me"], queryFn: () => apiFetch(`${server.url}/api/me`, meSchema) })
      .catch(() => {});
    expect(ended).toBe(1);
    await client
      .fetchQuery({
        queryKey: ["kusto"],
        queryFn: () => Promise.reject(new ApiError("unauthorized:kusto", "cluster said no", 401)),
      })
      .catch(() => {});
    expect(ended).toBe(1);
  });
});
