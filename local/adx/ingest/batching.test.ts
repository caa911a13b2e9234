/**
 * The queued intake over HTTP: batches sealed by count, size and time (the 10 s minimum policy, real waiting),
 * policy changes applying to the next batch, and pending items surviving a restart.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appClaims, DB, type Harness, mgmt, STREAM_APP, startHarness } from "../testing/harness";
import type { BatchRecord } from "./intake";
import { createStaging, intake, message, record, scalar, streamSink } from "./testing";

async function batches(h: Harness): Promise<BatchRecord[]> {
  // The stream app is an ingestor; reading the batch log needs a reader role.
  const admin = await h.token({
    oid: "a0000000-0000-4000-8000-00000000ad01",
    sub: "admin",
    scp: "user_impersonation",
    idtyp: "user",
  });
  const response = await fetch(`${h.engine.url}/local/batches?table=Staging`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { batches: BatchRecord[] }).batches;
}

const policy = (seconds: number, items: number, mb = 1024) =>
  `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:${String(seconds).padStart(2, "0")}", "MaximumNumberOfItems": ${items}, "MaximumRawDataSizeMB": ${mb}}'`;

describe("queued intake batching", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await createStaging(h);
  });
  afterAll(async () => h?.close());

  it("answers not-ready (409) for a table that does not exist, and keeps nothing", async () => {
    const sink = await streamSink(h, "NotYet", "M");
    expect(await sink(message(record("X", {})))).toBe("not-ready");
    const token = await h.token(appClaims(STREAM_APP));
    const response = await fetch(`${h.engine.url}/local/eventhub/${DB}/NotYet?format=multijson`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: "{}",
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("LocalIntake_TargetNotReady");
  });

  it("seals by item count; the rest waits for the next batch", async () => {
    await mgmt(h.admin, policy(59, 3));
    const sink = await streamSink(h);
    for (let i = 0; i < 4; i++) expect(await sink(message(record("X", { i }), record("Y", { i })))).toBe("accepted");
    await intake(h).idle();
    const [b] = await batches(h);
    expect(b).toMatchObject({ items: 3, records: 3, reason: "count", failedItems: 0 });
    expect(await scalar(h.admin, "Staging | count")).toBe(3);
    expect(intake(h).pending().Staging?.items).toBe(1);
    // One batch, one extent, one ingestion time.
    expect(await scalar(h.admin, "Staging | summarize dcount(ingestion_time())")).toBe(1);
  });

  it("applies a policy change to the next batch and seals by time (10 s minimum)", async () => {
    await mgmt(h.admin, policy(10, 500));
    const sink = await streamSink(h);
    expect(await sink(message(record("X", { late: true })))).toBe("accepted");
    const deadline = Date.now() + 20_000;
    let sealed: BatchRecord | undefined;
    while (Date.now() < deadline && !sealed) {
      await new Promise((r) => setTimeout(r, 500));
      sealed = (await batches(h)).find((b) => b.reason === "time");
    }
    // The item left over from the previous test and the new one went out together once the oldest was 10 s old.
    expect(sealed).toMatchObject({ items: 2, records: 2, reason: "time" });
    expect(sealed!.delayMs).toBeGreaterThanOrEqual(10_000);
    expect(await scalar(h.admin, "Staging | count")).toBe(5);
  }, 30_000);

  it("seals by raw (uncompressed) size", async () => {
    await mgmt(h.admin, policy(59, 500, 100));
    const token = await h.token(appClaims(STREAM_APP));
    // 60 MB of whitespace between two objects is valid multijson; gzip keeps the request small.
    const padded = `${message(record("X", { big: 1 }))}${" ".repeat(60 * 1024 * 1024)}${message(record("X", { big: 2 }))}`;
    const body = gzipSync(padded);
    const post = () =>
      fetch(`${h.engine.url}/local/eventhub/${DB}/Staging?format=multijson&mappingName=StagingMapping`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-encoding": "gzip", "content-type": "application/json" },
        body,
      });
    expect((await post()).status).toBe(202);
    expect(intake(h).pending().Staging?.items).toBe(1);
    expect((await post()).status).toBe(202);
    await intake(h).idle();
    const last = (await batches(h)).at(-1)!;
    expect(last).toMatchObject({ items: 2, records: 4, reason: "size" });
    expect(last.rawBytes).toBeGreaterThan(100 * 1024 * 1024);
    expect(await scalar(h.admin, "Staging | where Raw.records[0].properties.big == 2 | count")).toBe(2);
  }, 60_000);

  it("re-loads acknowledged items after a restart", async () => {
    await mgmt(h.admin, policy(59, 500));
    const sink = await streamSink(h);
    expect(await sink(message(record("X", { restart: 1 })))).toBe("accepted");
    h = await h.restart();
    expect(intake(h).pending().Staging?.items).toBe(1);
    await intake(h).flush("Staging");
    expect(await scalar(h.admin, "Staging | where Raw.records[0].properties.restart == 1 | count")).toBe(1);
  });
});
