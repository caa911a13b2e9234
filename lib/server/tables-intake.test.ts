import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STAGING_MAPPING } from "@/kql/catalog";
import { tablesResponseSchema } from "@/lib/schemas/table-responses";
import { startConsoleHarness, type ConsoleHarness } from "./state/testing/console-harness";

/**
 * `GET /api/tables` → `staging.intake` in local mode, end to end: the stream's deliveries are simulated by POSTing to
 * the engine's queued intake as the stream does (gzip, the Staging mapping), the route asks the engine's
 * `GET /local/intake` On-Behalf-Of the viewer. Own harness (fresh database) so the shared route tests keep theirs.
 */
let h: ConsoleHarness;
let getTables: typeof import("@/app/api/tables/route").GET;
let applyStagingRoute: typeof import("@/app/api/staging/apply/route").POST;
beforeAll(async () => {
  h = await startConsoleHarness();
  ({ GET: getTables } = await import("@/app/api/tables/route"));
  ({ POST: applyStagingRoute } = await import("@/app/api/staging/apply/route"));
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const overview = async () => {
  const res = await h.call(getTables, "viewer", { path: "/api/tables" });
  expect(res.status).toBe(200);
  return tablesResponseSchema.parse(await res.json());
};

/** One Event Hub message to Staging, as `local/stream/engine-sink.ts` sends it; the engine's HTTP status. */
async function deliver(): Promise<number> {
  const url = `${h.engine.url}/local/eventhub/Defender/Staging?format=multijson&mappingName=${DEFAULT_STAGING_MAPPING}`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await h.adminEngineToken()}`,
      "content-type": "application/json; charset=utf-8",
      "content-encoding": "gzip",
    },
    body: new Blob([gzipSync('{"records":[]}')]),
  });
  await response.arrayBuffer();
  return response.status;
}

describe("GET /api/tables: is the stream waiting for Staging?", () => {
  it("not waiting before anything was delivered", async () => {
    const body = await overview();
    expect(body.staging.intake).toEqual({ waiting: false, refusedCount: 0, since: null, reason: null });
    expect(body.warnings).toEqual([]);
  });

  it("waiting, with the count, the first refusal time and the reason, while Staging does not exist", async () => {
    const before = new Date().toISOString();
    expect(await deliver()).toBe(409);
    expect(await deliver()).toBe(409);
    expect(await deliver()).toBe(409);
    const { staging } = await overview();
    expect(staging.status).toBe("not-set-up");
    expect(staging.intake).toMatchObject({ waiting: true, refusedCount: 3, reason: "table-missing" });
    expect(Date.parse(staging.intake!.since!)).toBeGreaterThanOrEqual(Date.parse(before) - 1000);
  });

  it("no longer waiting once Staging is set up and the stream's next delivery is accepted", async () => {
    const apply = await h.call(applyStagingRoute, "admin", { path: "/api/staging/apply", method: "POST" });
    expect(apply.status).toBe(200);
    // Set up, but the stream has not retried yet: the engine still knows only its refusals.
    expect((await overview()).staging.intake?.waiting).toBe(true);
    expect(await deliver()).toBe(202);
    const { staging } = await overview();
    expect(staging.status).toBe("ready");
    expect(staging.intake).toEqual({ waiting: false, refusedCount: 0, since: null, reason: null });
  });
});

describe("tablesResponseSchema", () => {
  it("still parses responses without staging.intake", async () => {
    const body = (await (await h.call(getTables, "viewer", { path: "/api/tables" })).json()) as {
      staging: Record<string, unknown>;
    };
    delete body.staging.intake;
    expect(tablesResponseSchema.parse(body).staging.intake).toBeUndefined();
  });
});
