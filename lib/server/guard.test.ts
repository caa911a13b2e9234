import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { ClaimsChallengeError } from "./auth/claims-challenge";
import { withAuth } from "./guard";
import { startAuthHarness, type AuthHarness } from "./testing/auth-harness";

let harness: AuthHarness;
beforeAll(async () => {
  harness = await startAuthHarness();
});
afterAll(() => harness?.stop());
afterEach(() => vi.restoreAllMocks());

const request = (token?: string, scheme = "Bearer") =>
  new Request("http://127.0.0.1/api/x", token ? { headers: { authorization: `${scheme} ${token}` } } : {});
const context = { params: Promise.resolve({}) };

describe("withAuth", () => {
  const adminOnly = withAuth((_req, { user }) => Response.json({ oid: user.oid }), { role: "admin" });

  it("403 forbidden:auth for a viewer on an admin route, 200 for an admin", async () => {
    const viewer = await adminOnly(request(harness.tokens.viewer), context);
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ code: "forbidden:auth", cause: "This needs the admin role." });
    const admin = await adminOnly(request(harness.tokens.admin), context);
    expect(admin.status).toBe(200);
  });

  it("accepts the scheme case-insensitively and rejects other schemes", async () => {
    expect((await adminOnly(request(harness.tokens.admin, "bearer"), context)).status).toBe(200);
    expect((await adminOnly(request(harness.tokens.admin, "Basic"), context)).status).toBe(401);
  });

  it("passes the caller's token to the handler (for On-Behalf-Of) and the route params", async () => {
    const seen: unknown[] = [];
    const handler = withAuth<{ table: string }>(
      async (_req, auth, ctx) => {
        seen.push(auth.token, (await ctx.params).table);
        return new Response(null, { status: 204 });
      },
      { role: "viewer" },
    );
    expect(
      (await handler(request(harness.tokens.viewer), { params: Promise.resolve({ table: "AlertInfo" }) })).status,
    ).toBe(204);
    expect(seen).toEqual([harness.tokens.viewer, "AlertInfo"]);
  });

  it("turns the handler's AppError into its response", async () => {
    const handler = withAuth(
      () => {
        throw new AppError("rate_limit:kusto", undefined, { retryAfterSeconds: 5 });
      },
      { role: "viewer" },
    );
    const res = await handler(request(harness.tokens.viewer), context);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("5");
  });

  it("answers 500 for an unexpected error without leaking it, and logs it redacted", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
    const token = harness.tokens.viewer;
    const handler = withAuth(
      () => {
        throw new Error(`boom with Bearer ${token}`);
      },
      { role: "viewer" },
    );
    const res = await handler(request(token), context);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain("boom");
    expect(logged.join("\n")).toContain("boom");
    expect(logged.join("\n")).not.toContain(token);
  });

  it("relays a claims challenge as 401 unauthorized:claims with an insufficient_claims header", async () => {
    const handler = withAuth(
      () => {
        throw new ClaimsChallengeError('{"access_token":{}}');
      },
      { role: "viewer" },
    );
    const res = await handler(request(harness.tokens.viewer), context);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer error="insufficient_claims"');
    expect(await res.json()).toMatchObject({ code: "unauthorized:claims", claims: '{"access_token":{}}' });
  });

  it("never logs a rejected token", async () => {
    const lines: string[] = [];
    for (const method of ["log", "info", "warn", "error"] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    await adminOnly(request(harness.tokens.badSignature), context);
    await adminOnly(request(harness.tokens.expired), context);
    expect(lines.join("\n")).not.toMatch(/eyJ/);
  });
});
