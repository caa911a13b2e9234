import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTable } from "@/kql/catalog";
import { buildCreateOrAlterFilterFunctionCommand } from "@/kql/generate/function";
import { buildCreateStagingTableCommand, buildStagingMappingCommand } from "@/kql/generate/staging";
import { buildCreateMergeTableCommand } from "@/kql/generate/table";
import { buildUpdatePolicyJson } from "@/kql/generate/update-policy";
import { quoteVerbatimLiteral } from "@/kql/quote";
import { GET as getPolicies } from "@/app/api/policies/route";
import { POST as postBatching } from "@/app/api/policies/batching/route";
import { GET as getHistory } from "@/app/api/policies/history/route";
import { POST as postRetention } from "@/app/api/policies/retention/route";
import {
  applyPolicyResponseSchema,
  fieldErrorBodySchema,
  policiesViewSchema,
  policyHistorySchema,
} from "@/lib/schemas/policies";
import { startConsoleEngine, requestAs, type ConsoleEngine } from "@/lib/server/health/testing/console-engine";

/**
 * The policies routes end to end: real IdP tokens → withAuth → On-Behalf-Of → the real local engine, which
 * validates the commands once more as ADX does.
 */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const base = "http://127.0.0.1:3000";
const ctx = { params: Promise.resolve({}) };
const DB = "Defender";
let fx: ConsoleEngine;

beforeAll(async () => {
  fx = await startConsoleEngine();
}, 90_000);
afterAll(() => fx?.stop());

const call = (handler: unknown, token: string | null, path: string, body?: unknown) =>
  (handler as Handler)(requestAs(token, `${base}${path}`, { method: body === undefined ? "GET" : "POST", body }), ctx);

describe("before Staging exists", () => {
  it("GET /api/policies says so and shows ADX's defaults as the effective values", async () => {
    const res = await call(getPolicies, fx.harness.tokens.viewer, "/api/policies");
    expect(res.status).toBe(200);
    const view = policiesViewSchema.parse(await res.json());
    expect(view).toMatchObject({ stagingExists: false, stagingTable: "Staging", database: DB });
    expect(view.retention).toMatchObject({ source: "default", isZero: false, table: null });
    expect(view.batching.effective).toEqual({
      MaximumBatchingTimeSpan: "00:05:00",
      MaximumNumberOfItems: 500,
      MaximumRawDataSizeMB: 1024,
    });
  });

  it("a valid edit the engine refuses answers 400 with the engine's own message", async () => {
    const res = await call(postRetention, fx.harness.tokens.admin, "/api/policies/retention", { softDelete: "0s" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe("bad_request:kusto");
    expect(body.cause).toMatch(/Staging.*(not found|does not exist)/i);
  });
});

describe("with Staging, its mapping and a non-transactional update policy reading it", () => {
  beforeAll(async () => {
    const table = getTable("AlertInfo");
    for (const command of [
      buildCreateStagingTableCommand({ stagingTable: "Staging" }),
      buildStagingMappingCommand({ stagingTable: "Staging", mappingName: "StagingMapping" }),
      buildCreateOrAlterFilterFunctionCommand(table, { stagingTable: "Staging" }),
      buildCreateMergeTableCommand(table),
    ])
      await fx.admin.executeCommand(DB, command);
    const policy = buildUpdatePolicyJson(table, { stagingTable: "Staging" }).replace(
      '"IsTransactional": true',
      '"IsTransactional": false',
    );
    await fx.admin.executeCommand(DB, `.alter table AlertInfo policy update ${quoteVerbatimLiteral(policy)}`);
  });

  it("viewer: reads, but POST answers 403 and changes nothing", async () => {
    for (const [handler, path, body] of [
      [postRetention, "/api/policies/retention", { softDelete: "0s" }],
      [postBatching, "/api/policies/batching", { mode: "inherit" }],
    ] as const) {
      const res = await call(handler, fx.harness.tokens.viewer, path, body);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden:auth" });
    }
    const view = policiesViewSchema.parse(
      await (await call(getPolicies, fx.harness.tokens.viewer, "/api/policies")).json(),
    );
    expect(view.stagingExists).toBe(true);
    expect(view.retention.source).toBe("default");
  });

  it("no token → 401", async () => {
    expect((await call(postBatching, null, "/api/policies/batching", { mode: "inherit" })).status).toBe(401);
  });

  it("retention: invalid values → 400 with field errors naming the limit", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ softDelete: "-1d" }, "softDelete", /SoftDeletePeriod must be/],
      [{ softDelete: "400000d" }, "softDelete", /at most 365000\.00:00:00/],
      [{ softDelete: "0s", recoverability: "enabled" }, "recoverability", /Recoverability must be Disabled/],
      [{ softDelete: "soon" }, "softDelete", /timespan such as/],
      [{}, "softDelete", /SoftDeletePeriod/],
    ];
    for (const [body, field, message] of cases) {
      const res = await call(postRetention, fx.harness.tokens.admin, "/api/policies/retention", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const parsed = fieldErrorBodySchema.parse(await res.json());
      expect(parsed.code).toBe("bad_request:policies");
      expect(parsed.fieldErrors[field]?.[0]).toMatch(message);
    }
    const notJson = await call(postRetention, fx.harness.tokens.admin, "/api/policies/retention", "{nope");
    expect(fieldErrorBodySchema.parse(await notJson.json()).fieldErrors._form).toEqual([
      "The request body must be JSON.",
    ]);
  });

  it("retention 0s: runs the previewed command and the page then flags the non-transactional update policy", async () => {
    const res = await call(postRetention, fx.harness.tokens.admin, "/api/policies/retention", { softDelete: "0s" });
    expect(res.status).toBe(200);
    const { command, policies } = applyPolicyResponseSchema.parse(await res.json());
    expect(command).toBe(".alter-merge table Staging policy retention softdelete = 0s recoverability = disabled");
    expect(policies.retention).toMatchObject({
      source: "table",
      isZero: true,
      effective: { SoftDeletePeriod: "00:00:00", Recoverability: "Disabled" },
    });
    expect(policies.updatePolicies).toEqual([
      { table: "AlertInfo", query: "FilterAlertInfo()", isEnabled: true, isTransactional: false },
    ]);
  });

  it("batching: invalid values → 400 with a message per field", async () => {
    const res = await call(postBatching, fx.harness.tokens.admin, "/api/policies/batching", {
      mode: "table",
      MaximumBatchingTimeSpan: "5s",
      MaximumNumberOfItems: 30_000,
      MaximumRawDataSizeMB: 99.5,
    });
    expect(res.status).toBe(400);
    const { fieldErrors } = fieldErrorBodySchema.parse(await res.json());
    expect(fieldErrors.MaximumBatchingTimeSpan?.[0]).toMatch(/at least 00:00:10 \(10 seconds\)/);
    expect(fieldErrors.MaximumNumberOfItems?.[0]).toMatch(/at most 25,000 items/);
    expect(fieldErrors.MaximumRawDataSizeMB?.[0]).toMatch(/whole number|at least 100 MB/);
    const badMode = await call(postBatching, fx.harness.tokens.admin, "/api/policies/batching", { mode: "database" });
    expect(fieldErrorBodySchema.parse(await badMode.json()).fieldErrors.mode).toBeDefined();
  });

  it("batching 30 s becomes the effective policy from the table; inherit falls back to the default", async () => {
    const set = await call(postBatching, fx.harness.tokens.admin, "/api/policies/batching", {
      mode: "table",
      MaximumBatchingTimeSpan: "30s",
      MaximumNumberOfItems: 500,
      MaximumRawDataSizeMB: 1024,
    });
    expect(set.status).toBe(200);
    const applied = applyPolicyResponseSchema.parse(await set.json());
    expect(applied.command).toBe(
      `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}'`,
    );
    expect(applied.policies.batching).toMatchObject({
      source: "table",
      effective: { MaximumBatchingTimeSpan: "00:00:30", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 },
    });

    const inherit = await call(postBatching, fx.harness.tokens.admin, "/api/policies/batching", { mode: "inherit" });
    expect(inherit.status).toBe(200);
    const after = applyPolicyResponseSchema.parse(await inherit.json());
    expect(after.command).toBe(".delete table Staging policy ingestionbatching");
    expect(after.policies.batching).toMatchObject({ source: "default", table: null });

    // A database policy is what Staging inherits once its own is gone.
    await fx.admin.executeCommand(
      DB,
      `.alter database Defender policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:01:00","MaximumNumberOfItems":100,"MaximumRawDataSizeMB":512}'`,
    );
    const view = policiesViewSchema.parse(
      await (await call(getPolicies, fx.harness.tokens.viewer, "/api/policies")).json(),
    );
    expect(view.batching).toMatchObject({ source: "database", effective: { MaximumBatchingTimeSpan: "00:01:00" } });
  });

  it("history: who changed which policy when, old → new, newest first", async () => {
    const res = await call(getHistory, fx.harness.tokens.admin, "/api/policies/history");
    expect(res.status).toBe(200);
    const { changes, unavailable } = policyHistorySchema.parse(await res.json());
    expect(unavailable).toBeNull();
    expect(changes.map((c) => `${c.level}:${c.kind}`)).toEqual([
      "database:ingestionbatching",
      "table:ingestionbatching",
      "table:ingestionbatching",
      "table:retention",
    ]);
    const retention = changes.at(-1)!;
    expect(retention.principal).toBe(
      "aaduser=a0000000-0000-4000-8000-00000000ad01;7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01",
    );
    expect(retention.after).toMatch(/"SoftDeletePeriod":\s*"00:00:00"/);
    expect(retention.command).toMatch(/^\.alter-merge table Staging policy retention/);
    const deleted = changes[1]!;
    expect(deleted.before).toMatch(/00:00:30/);
    expect(deleted.after).toBe("");
  });
});
