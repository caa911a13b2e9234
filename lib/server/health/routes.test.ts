import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAlterTableIngestionBatchingCommand } from "@/kql/generate/policies";
import { buildCreateStagingTableCommand, buildStagingMappingCommand } from "@/kql/generate/staging";
import { GET as getBatches } from "@/app/api/metrics/batches/route";
import { GET as getFailures } from "@/app/api/metrics/failures/route";
import { GET as getFreshness } from "@/app/api/metrics/freshness/route";
import { GET as getLag } from "@/app/api/metrics/lag/route";
import { GET as getRows } from "@/app/api/metrics/rows/route";
import {
  batchesResponseSchema,
  failuresResponseSchema,
  freshnessResponseSchema,
  lagResponseSchema,
  rowsResponseSchema,
} from "@/lib/schemas/health";
import { fieldErrorBodySchema } from "@/lib/schemas/policies";
import { acquireTokenOnBehalfOf } from "@/lib/server/auth/obo";
import { intakeOf } from "@/local/adx/rest/ingest-routes";
import { startConsoleEngine, requestAs, type ConsoleEngine } from "./testing/console-engine";

/** The metrics routes with real tokens against the real local engine (viewer role suffices for all of them). */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ctx = { params: Promise.resolve({}) };
let fx: ConsoleEngine;

beforeAll(async () => {
  fx = await startConsoleEngine();
}, 90_000);
afterAll(() => fx?.stop());

const get = (handler: unknown, token: string | null, path: string) =>
  (handler as Handler)(requestAs(token, `http://127.0.0.1:3000${path}`), ctx);

describe("metrics routes", () => {
  const routes = [
    ["rows", getRows, rowsResponseSchema],
    ["freshness", getFreshness, freshnessResponseSchema],
    ["lag", getLag, lagResponseSchema],
    ["failures", getFailures, failuresResponseSchema],
    ["batches", getBatches, batchesResponseSchema],
  ] as const;

  for (const [name, handler, schema] of routes) {
    it(`GET /api/metrics/${name}: 401 without a token, 200 for a viewer with the documented shape`, async () => {
      expect((await get(handler, null, `/api/metrics/${name}`)).status).toBe(401);
      const res = await get(handler, fx.harness.tokens.viewer, `/api/metrics/${name}?range=24h`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(schema.safeParse(await res.json()).success).toBe(true);
    });
  }

  it("a range outside 1h/24h/7d is a 400 naming the field", async () => {
    for (const handler of [getRows, getLag, getFailures, getBatches]) {
      const res = await get(handler, fx.harness.tokens.viewer, "/api/metrics/x?range=30d");
      expect(res.status).toBe(400);
      const body = fieldErrorBodySchema.parse(await res.json());
      expect(body.fieldErrors.range).toEqual(['range must be one of "1h", "24h" or "7d"']);
    }
  });
});

describe("batches follow the batching policy", () => {
  beforeAll(async () => {
    for (const command of [
      buildCreateStagingTableCommand({ stagingTable: "Staging" }),
      buildStagingMappingCommand({ stagingTable: "Staging", mappingName: "StagingMapping" }),
      buildAlterTableIngestionBatchingCommand("Staging", {
        MaximumBatchingTimeSpan: "00:00:30",
        MaximumNumberOfItems: 2,
        MaximumRawDataSizeMB: 1024,
      }),
    ])
      await fx.admin.executeCommand("Defender", command);
  });

  it("two messages with MaximumNumberOfItems = 2 seal one batch by count, shown with its records and bytes", async () => {
    const token = await acquireTokenOnBehalfOf(fx.harness.tokens.admin, fx.engine.url);
    const message = (n: number) =>
      JSON.stringify({
        records: [
          { time: new Date().toISOString(), category: "AdvancedHunting-AlertInfo", properties: { AlertId: `a${n}` } },
          { time: new Date().toISOString(), category: "AdvancedHunting-AlertInfo", properties: { AlertId: `b${n}` } },
        ],
      });
    for (const n of [1, 2]) {
      const res = await fetch(
        `${fx.engine.url}/local/eventhub/Defender/Staging?format=multijson&mappingName=StagingMapping`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: message(n),
        },
      );
      expect(res.status).toBe(202);
    }
    await intakeOf(fx.engine.storage)!.idle();
    const res = await get(getBatches, fx.harness.tokens.viewer, "/api/metrics/batches?range=1h");
    const body = batchesResponseSchema.parse(await res.json());
    expect(body).toMatchObject({ available: true, table: "Staging", unavailableReason: null });
    expect(body.batches).toHaveLength(1);
    expect(body.batches[0]).toMatchObject({ reason: "count", items: 2, records: 2, failedItems: 0 });
    expect(body.batches[0]!.rawBytes).toBe(Buffer.byteLength(message(1)) * 2);
    expect(body.pending).toEqual({ items: 0, rawBytes: 0, oldestEnqueuedAt: null });
  });
});
