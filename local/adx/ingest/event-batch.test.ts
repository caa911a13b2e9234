/**
 * The queued intake's batch send (Event Hubs' REST form, `application/vnd.microsoft.servicebus.json`) over HTTP:
 * each element is one item of the batching policy, a malformed batch is refused whole (400, nothing queued), a bad
 * event body is one ingestion failure at batch time, and an acknowledged batch survives a restart.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineBatchSink } from "@/local/stream/engine-sink";
import { appClaims, DB, type Harness, mgmt, STREAM_APP, startHarness } from "../testing/harness";
import type { BatchRecord } from "./intake";
import { createStaging, intake, message, record, scalar } from "./testing";

const BATCH_TYPE = "application/vnd.microsoft.servicebus.json";
const policy = (items: number) =>
  `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:59", "MaximumNumberOfItems": ${items}}'`;

describe("queued intake: batch send", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await createStaging(h);
  });
  afterAll(async () => h?.close());

  const post = async (
    body: string | ReturnType<typeof gzipSync>,
    headers: Record<string, string> = {},
    table = "Staging",
  ) => {
    const token = await h.token(appClaims(STREAM_APP));
    return fetch(`${h.engine.url}/local/eventhub/${DB}/${table}?format=multijson&mappingName=StagingMapping`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": BATCH_TYPE, ...headers },
      body: typeof body === "string" ? body : new Blob([body]),
    });
  };
  const batches = async (): Promise<BatchRecord[]> => {
    const admin = await h.token({ oid: "a0000000-0000-4000-8000-00000000ad01", sub: "admin", idtyp: "user", scp: "x" });
    const response = await fetch(`${h.engine.url}/local/batches?table=Staging`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    return ((await response.json()) as { batches: BatchRecord[] }).batches;
  };
  const queuedRows = async () =>
    Number((await h.engine.storage.query(`SELECT count(*) AS n FROM meta.intake_queue`))[0]!.n);
  const failures = async () => {
    const r = await mgmt(h.admin, ".show ingestion failures");
    const at = (name: string) => r.columns.findIndex((c) => c.startsWith(`${name}:`));
    return r.rows.map((row) => ({
      table: row[at("Table")],
      code: row[at("ErrorCode")],
      source: String(row[at("IngestionSourcePath")]),
    }));
  };

  it("counts each element as one item: 7 messages into a 3-item policy seal 3 + 3, and 1 waits", async () => {
    await mgmt(h.admin, policy(3));
    const bodies = Array.from({ length: 7 }, (_, i) => message(record("X", { i }), record("Y", { i })));
    // One element base64-encoded, as the REST form allows (IsBodyBase64).
    const elements = bodies.map((b, i) =>
      i === 6 ? { Body: Buffer.from(b).toString("base64"), IsBodyBase64: true } : { Body: b, UserProperties: { i } },
    );
    const response = await post(gzipSync(JSON.stringify(elements)), { "content-encoding": "gzip" });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { status: string; count: number; ids: string[] };
    expect(answer).toMatchObject({ status: "Enqueued", count: 7 });
    expect(answer.ids).toHaveLength(7);
    expect(answer.ids.map(Number)).toEqual(answer.ids.map((_, i) => Number(answer.ids[0]) + i));
    await intake(h).idle();
    const sealed = await batches();
    expect(sealed.map((b) => [b.items, b.records, b.reason])).toEqual([
      [3, 3, "count"],
      [3, 3, "count"],
    ]);
    expect(intake(h).pending().Staging?.items).toBe(1);
    await intake(h).flush("Staging");
    expect(await scalar(h.admin, "Staging | count")).toBe(7);
    expect(await scalar(h.admin, "Staging | where Raw.records[1].properties.i == 6 | count")).toBe(1);
  });

  it("sends through the simulator's batch sink; single-message POSTs still work beside it", async () => {
    await mgmt(h.admin, policy(500));
    const token = await h.token(appClaims(STREAM_APP));
    const options = {
      engineUrl: h.engine.url,
      database: DB,
      table: "Staging",
      mappingName: "StagingMapping",
      token: async () => token,
    };
    const sink = createEngineBatchSink(options);
    expect(await sink([message(record("X", { s: 1 })), message(record("X", { s: 2 }))])).toBe("accepted");
    const single = await post(message(record("X", { s: 3 })), { "content-type": "application/json" });
    expect(single.status).toBe(202);
    expect(Object.keys((await single.json()) as object).sort()).toEqual(["id", "status"]);
    expect(intake(h).pending().Staging?.items).toBe(3);
    expect(await createEngineBatchSink({ ...options, table: "NotYet" })([message()])).toBe("not-ready");
    await intake(h).flush("Staging");
    expect(await scalar(h.admin, "Staging | where isnotnull(Raw.records[0].properties.s) | count")).toBe(3);
  });

  it("refuses a malformed batch whole (400) and queues nothing", async () => {
    await mgmt(h.admin, policy(500));
    const good = { Body: message(record("X", {})) };
    const bad: [string, RegExp][] = [
      [JSON.stringify({ Body: "x" }), /must be a JSON array/],
      ["[]", /empty/],
      [JSON.stringify([good, { Body: { records: [] } }]), /element 1 has no string 'Body'/],
      [JSON.stringify([good, {}]), /element 1 has no string 'Body'/],
      [JSON.stringify([good, 5]), /element 1 is not an object/],
      [JSON.stringify([good, { Body: "{}", UserProperties: "p" }]), /'UserProperties' must be an object/],
      [`[${JSON.stringify(good)},`, /not valid JSON/],
    ];
    const before = await queuedRows();
    for (const [body, reason] of bad) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      const error = ((await response.json()) as { error: { code: string; "@message": string } }).error;
      expect(error.code).toBe("General_BadRequest");
      expect(error["@message"]).toMatch(/Invalid event batch/);
      expect(error["@message"]).toMatch(reason);
    }
    expect(await queuedRows()).toBe(before);
    expect(intake(h).pending().Staging?.items ?? 0).toBe(0);
    // The target is checked after the envelope: a well-formed batch for a missing table is 409, nothing stored.
    expect((await post(JSON.stringify([good]), {}, "NotYet")).status).toBe(409);
    expect(await queuedRows()).toBe(before);
  });

  it("queues an element whose Body is bad JSON; it fails at batch time while the others land", async () => {
    await mgmt(h.admin, policy(500));
    const landed = Number(await scalar(h.admin, "Staging | count"));
    const before = (await failures()).length;
    const elements = [
      { Body: message(record("X", { g: 1 })) },
      { Body: `{"records":[{"category":"AdvancedHunting-X","properties":{"g":"cut` },
      { Body: message(record("X", { g: 3 })) },
    ];
    const response = await post(JSON.stringify(elements));
    expect(response.status).toBe(202);
    const { ids } = (await response.json()) as { ids: string[] };
    await intake(h).flush("Staging");
    expect(Number(await scalar(h.admin, "Staging | count"))).toBe(landed + 2);
    expect(await scalar(h.admin, "Staging | where isnotnull(Raw.records[0].properties.g) | count")).toBe(2);
    const added = (await failures()).slice(before);
    expect(added).toEqual([
      { table: "Staging", code: "BadRequest_InvalidBlob", source: `eventhub://Staging/${ids[1]}` },
    ]);
    expect((await batches()).at(-1)).toMatchObject({ items: 3, records: 2, failedItems: 1, reason: "flush" });
  });

  it("keeps an acknowledged batch across a restart", async () => {
    await mgmt(h.admin, policy(500));
    const elements = [1, 2, 3, 4].map((r) => ({ Body: message(record("X", { r })) }));
    expect((await post(JSON.stringify(elements))).status).toBe(202);
    h = await h.restart();
    expect(intake(h).pending().Staging?.items).toBe(4);
    await intake(h).flush("Staging");
    expect(await scalar(h.admin, "Staging | where isnotnull(Raw.records[0].properties.r) | count")).toBe(4);
  });
});
