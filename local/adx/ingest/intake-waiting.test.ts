/**
 * `GET /local/intake?table=T`: the console's view of a producer waiting for its target (refused deliveries, cleared by
 * the first accepted one), over HTTP with the stream simulator's own engine sink, and the 60 s window with a clock.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Storage } from "../storage/storage";
import {
  tempDataDir,
  appClaims,
  type Harness,
  mgmt,
  STREAM_APP,
  startHarness,
  userClaims,
  VIEWER_OID,
} from "../testing/harness";
import { Intake, WAITING_WINDOW_MS } from "./intake";
import { streamSink } from "./testing";

interface WaitingBody {
  table: string;
  waiting: boolean;
  refusedCount: number;
  firstRefusedAt: string | null;
  lastRefusedAt: string | null;
  reason: string | null;
  detail: string | null;
  pending: { items: number; rawBytes: number; oldestEnqueuedAt: string | null };
}

describe("GET /local/intake over HTTP", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = async (query: string, token?: string) =>
    fetch(`${h.engine.url}/local/intake${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const state = async (table = "Staging"): Promise<WaitingBody> => {
    const res = await get(`?table=${table}`, await h.token(userClaims(VIEWER_OID)));
    expect(res.status).toBe(200);
    return (await res.json()) as WaitingBody;
  };
  const message = '{"records":[{"category":"AdvancedHunting-DeviceInfo","properties":{}}]}';

  it("answers not waiting for a table nobody delivered to", async () => {
    expect(await state()).toEqual({
      table: "Staging",
      waiting: false,
      refusedCount: 0,
      firstRefusedAt: null,
      lastRefusedAt: null,
      reason: null,
      detail: null,
      pending: { items: 0, rawBytes: 0, oldestEnqueuedAt: null },
    });
  });

  it("counts refusals while the table, then the mapping, is missing, and clears on the first accepted delivery", async () => {
    const sink = await streamSink(h);
    const before = Date.now();
    expect(await sink(message)).toBe("not-ready");
    expect(await sink(message)).toBe("not-ready");
    const missingTable = await state();
    expect(missingTable).toMatchObject({ waiting: true, refusedCount: 2, reason: "table-missing" });
    expect(missingTable.detail).toMatch(/Staging/);
    expect(Date.parse(missingTable.firstRefusedAt!)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(missingTable.lastRefusedAt!)).toBeGreaterThanOrEqual(Date.parse(missingTable.firstRefusedAt!));

    await mgmt(h.admin, ".create table Staging (Raw: dynamic)");
    expect(await sink(message)).toBe("not-ready");
    const missingMapping = await state();
    expect(missingMapping).toMatchObject({ waiting: true, refusedCount: 3, reason: "mapping-missing" });
    expect(missingMapping.firstRefusedAt).toBe(missingTable.firstRefusedAt);

    await mgmt(
      h.admin,
      `.create table Staging ingestion json mapping 'StagingMapping' '[{"column":"Raw","path":"$"}]'`,
    );
    expect(await sink(message)).toBe("accepted");
    const delivered = await state();
    expect(delivered).toMatchObject({ waiting: false, refusedCount: 0, reason: null, firstRefusedAt: null });
    // Queued, not yet sealed (the default batching policy waits 5 minutes).
    expect(delivered.pending.items).toBe(1);
    expect(delivered.pending.rawBytes).toBe(Buffer.byteLength(message));
  });

  it("keeps tables apart", async () => {
    const sink = await streamSink(h, "Elsewhere", "");
    expect(await sink(message)).toBe("not-ready");
    expect(await state("Elsewhere")).toMatchObject({ waiting: true, refusedCount: 1, reason: "table-missing" });
    expect((await state()).waiting).toBe(false);
  });

  it("needs a token of a role that may read, and a table", async () => {
    expect((await get("?table=Staging")).status).toBe(401);
    const ingestorOnly = await get("?table=Staging", await h.token(appClaims(STREAM_APP)));
    // The stream app is an ingestor, which may not read (the same rule as /local/batches).
    expect(ingestorOnly.status).toBe(403);
    const noTable = await get("", await h.token(userClaims(VIEWER_OID)));
    expect(noTable.status).toBe(400);
  });
});

describe("the waiting window (injected clock)", () => {
  let data: ReturnType<typeof tempDataDir>;
  let storage: Storage;
  let clock = 0;
  let intake: Intake;
  beforeEach(async () => {
    data = tempDataDir();
    storage = await Storage.open(data.dir, "Defender");
    clock = Date.UTC(2026, 0, 5, 10);
    intake = await Intake.start({ storage, database: "Defender", now: () => clock, tickMs: 0 });
  });
  afterEach(async () => {
    await intake.close();
    await storage.close();
    data.remove();
  });

  it("stops counting as waiting a minute after the last refusal, and keeps the record until a delivery lands", async () => {
    expect((await intake.enqueue("Staging", "multijson", "StagingMapping", "{}")).status).toBe("not-ready");
    clock += 30_000;
    await intake.enqueue("Staging", "multijson", "StagingMapping", "{}");
    clock += WAITING_WINDOW_MS;
    expect(intake.waitingState("Staging")).toMatchObject({
      waiting: true,
      refusedCount: 2,
      firstRefusedAt: "2026-01-05T10:00:00.000Z",
      lastRefusedAt: "2026-01-05T10:00:30.000Z",
    });
    clock += 1;
    expect(intake.waitingState("Staging")).toMatchObject({ waiting: false, refusedCount: 2 });
    await storage.change(async (tx) => {
      await tx.createTable("Staging", [{ name: "Raw", type: "dynamic" }], "", "");
      await tx.putMapping("Staging", "StagingMapping", "JSON", '[{"column":"Raw","path":"$"}]');
    });
    expect((await intake.enqueue("Staging", "multijson", "StagingMapping", "{}")).status).toBe("enqueued");
    expect(intake.waitingState("Staging")).toMatchObject({ waiting: false, refusedCount: 0, lastRefusedAt: null });
  });
});
