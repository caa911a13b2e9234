import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { GET as getMe } from "@/app/api/me/route";
import { GET as getBatches } from "@/app/api/metrics/batches/route";
import { GET as getFailures } from "@/app/api/metrics/failures/route";
import { GET as getFreshness } from "@/app/api/metrics/freshness/route";
import { GET as getLag } from "@/app/api/metrics/lag/route";
import { GET as getRows } from "@/app/api/metrics/rows/route";
import { POST as postBatching } from "@/app/api/policies/batching/route";
import { GET as getPolicyHistory } from "@/app/api/policies/history/route";
import { POST as postRetention } from "@/app/api/policies/retention/route";
import { GET as getPolicies } from "@/app/api/policies/route";
import { GET as getSetupScript } from "@/app/api/setup-script/route";
import { POST as applyStaging } from "@/app/api/staging/apply/route";
import { GET as getTable } from "@/app/api/tables/[table]/route";
import { POST as applyTable } from "@/app/api/tables/[table]/apply/route";
import { POST as applyTables } from "@/app/api/tables/apply/route";
import { GET as getTables } from "@/app/api/tables/route";
import type { Role } from "@/lib/auth/roles";
import { startConsoleHarness, type ConsoleHarness } from "./state/testing/console-harness";
import type { TokenCases } from "./testing/auth-harness";

/**
 * Every guarded route × every kind of token (issue 6), against the real stack (local IdP, On-Behalf-Of, local
 * engine): no token, bad signature, expired, wrong audience, app-only, garbage → 401; viewer → 403 on admin routes,
 * else 2xx; admin → 2xx. A new route joins by adding a row to ROUTES. Only GET /api/health is open.
 */
// Any route's handler, whatever its params type (a parameter of type Promise<never> accepts them all).
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

interface GuardedRoute {
  name: string;
  handler: Handler;
  /** The least role the route needs. */
  role: Role;
  path: string;
  method?: "GET" | "POST";
  body?: unknown;
  params?: Record<string, string>;
  /** Status for a caller allowed in (default 200). */
  okStatus?: number;
}

const ROUTES: GuardedRoute[] = [
  { name: "GET /api/me", handler: getMe, role: "viewer", path: "/api/me" },
  { name: "GET /api/tables", handler: getTables, role: "viewer", path: "/api/tables" },
  {
    name: "GET /api/tables/[table]",
    handler: getTable,
    role: "viewer",
    path: "/api/tables/DeviceInfo",
    params: { table: "DeviceInfo" },
  },
  { name: "GET /api/setup-script", handler: getSetupScript, role: "viewer", path: "/api/setup-script" },
  { name: "POST /api/staging/apply", handler: applyStaging, role: "admin", path: "/api/staging/apply", method: "POST" },
  {
    name: "POST /api/tables/[table]/apply",
    handler: applyTable,
    role: "admin",
    path: "/api/tables/DeviceInfo/apply",
    method: "POST",
    params: { table: "DeviceInfo" },
  },
  {
    name: "POST /api/tables/apply",
    handler: applyTables,
    role: "admin",
    path: "/api/tables/apply",
    method: "POST",
    body: { tables: ["DeviceInfo"] },
  },
  { name: "GET /api/metrics/rows", handler: getRows, role: "viewer", path: "/api/metrics/rows?range=1h" },
  { name: "GET /api/metrics/freshness", handler: getFreshness, role: "viewer", path: "/api/metrics/freshness" },
  { name: "GET /api/metrics/lag", handler: getLag, role: "viewer", path: "/api/metrics/lag?range=1h" },
  { name: "GET /api/metrics/failures", handler: getFailures, role: "viewer", path: "/api/metrics/failures?range=1h" },
  { name: "GET /api/metrics/batches", handler: getBatches, role: "viewer", path: "/api/metrics/batches?range=1h" },
  { name: "GET /api/policies", handler: getPolicies, role: "viewer", path: "/api/policies" },
  { name: "GET /api/policies/history", handler: getPolicyHistory, role: "viewer", path: "/api/policies/history" },
  // The policy writes need Staging: the admin row of POST /api/staging/apply above has created it by now.
  {
    name: "POST /api/policies/retention",
    handler: postRetention,
    role: "admin",
    path: "/api/policies/retention",
    method: "POST",
    body: { softDelete: "0s" },
  },
  {
    name: "POST /api/policies/batching",
    handler: postBatching,
    role: "admin",
    path: "/api/policies/batching",
    method: "POST",
    body: { mode: "table", MaximumBatchingTimeSpan: "00:00:30", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 },
  },
];

type Case = "none" | "garbage" | keyof TokenCases;
const DENIED: Case[] = ["none", "garbage", "badSignature", "expired", "wrongAudience", "appOnly"];

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
}, 120_000);
afterAll(() => h?.stop());

function call(route: GuardedRoute, tokenCase: Case): Promise<Response> {
  const headers = new Headers();
  if (tokenCase === "garbage") headers.set("authorization", "Bearer not-a-jwt");
  else if (tokenCase !== "none") headers.set("authorization", `Bearer ${h.auth.tokens[tokenCase]}`);
  if (route.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://127.0.0.1:3000${route.path}`, {
    method: route.method ?? "GET",
    headers,
    body: route.body === undefined ? undefined : JSON.stringify(route.body),
  });
  return route.handler(request, { params: Promise.resolve(route.params ?? {}) as Promise<never> });
}

describe.each(ROUTES)("$name", (route) => {
  it.each(DENIED)("401 with a JSON error body for token case %s", async (tokenCase) => {
    const res = await call(route, tokenCase);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const body = await res.json();
    expect(body).toMatchObject({ code: "unauthorized:auth", message: expect.any(String) });
    // The body never echoes a token back.
    expect(JSON.stringify(body)).not.toMatch(/eyJ/);
  });

  const viewerStatus = route.role === "admin" ? 403 : (route.okStatus ?? 200);
  it(`viewer → ${viewerStatus}`, async () => {
    const res = await call(route, "viewer");
    expect(res.status).toBe(viewerStatus);
    if (viewerStatus === 403) expect(await res.json()).toMatchObject({ code: "forbidden:auth" });
  });

  it(`admin → ${route.okStatus ?? 200}`, async () => {
    expect((await call(route, "admin")).status).toBe(route.okStatus ?? 200);
  });
});

describe("401 details", () => {
  const me = ROUTES[0]!;
  it.each([
    ["expired", /expired/],
    ["wrongAudience", /audience/],
    ["badSignature", /signature/],
    ["appOnly", /access_as_user/],
    ["none", /No access token/],
  ] as const)("%s says why", async (tokenCase, reason) => {
    const body = await (await call(me, tokenCase)).json();
    expect(body.cause).toMatch(reason);
  });
});

describe("GET /api/me", () => {
  it("returns the caller as the verified token describes them", async () => {
    const admin = await (await call(ROUTES[0]!, "admin")).json();
    expect(admin).toEqual({
      oid: "a0000000-0000-4000-8000-00000000ad01",
      name: "Avery Admin",
      upn: "admin@contoso.local",
      roles: ["viewer", "admin"],
    });
    const viewer = await (await call(ROUTES[0]!, "viewer")).json();
    expect(viewer).toMatchObject({ upn: "viewer@contoso.local", roles: ["viewer"] });
  });
});

describe("the route table", () => {
  it("lists every exported handler of every route under app/api (only GET /api/health is open)", async () => {
    const apiDir = path.join(process.cwd(), "app", "api");
    const files = (await readdir(apiDir, { recursive: true })).filter((f) => path.basename(f) === "route.ts");
    const exported: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(apiDir, file), "utf8");
      const route = `/api/${path.dirname(file).split(path.sep).join("/")}`.replace(/\/\.$/, "");
      for (const [, method] of source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g))
        exported.push(`${method} ${route}`);
    }
    const listed = ROUTES.map((r) => r.name);
    expect(exported.filter((name) => name !== "GET /api/health").sort()).toEqual([...listed].sort());
  });
});
