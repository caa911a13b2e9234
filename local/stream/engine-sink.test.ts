/**
 * The engine sink against a real local engine: the stream waits while Staging does not exist (409 → not-ready),
 * then delivers through the queued intake once the seed's Staging + mapping are created; other errors throw.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intake, scalar } from "@/local/adx/ingest/testing";
import {
  appClaims,
  DB,
  type Harness,
  mgmt,
  STREAM_APP,
  startHarness,
  userClaims,
  VIEWER_OID,
} from "@/local/adx/testing/harness";
import { createEngineSink } from "./engine-sink";
import { runStream } from "./run-stream";

describe("createEngineSink", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("feeds Staging through the queued intake, waiting while Staging does not exist", async () => {
    const token = await h.token(appClaims(STREAM_APP));
    const sink = createEngineSink({
      engineUrl: h.engine.url,
      database: DB,
      table: "Staging",
      mappingName: "StagingMapping",
      token: async () => token,
    });
    const controller = new AbortController();
    const stream = runStream({
      sink,
      rate: 2000,
      count: 200,
      recordsPerMessage: 10,
      seed: "sink",
      signal: controller.signal,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    const deadline = Date.now() + 10_000;
    while (stream.status().state !== "waiting" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(stream.status().state).toBe("waiting");
    expect(stream.status().notReadyResponses).toBeGreaterThan(0);

    await mgmt(h.admin, ".create table Staging (Raw: dynamic)");
    await mgmt(
      h.admin,
      `.create table Staging ingestion json mapping 'StagingMapping' '[{"column":"Raw","path":"$","datatype":"dynamic","transform":null}]'`,
    );
    const final = await stream.done;
    expect(final.state).toBe("completed");
    expect(final.delivered).toEqual({ messages: 20, records: 200 });
    expect(final.sinkErrors).toBe(0);
    await intake(h).flush("Staging");
    expect(await scalar(h.admin, "Staging | mv-expand Raw.records | count")).toBe(200);
  });

  it("throws on other answers, naming the engine's message", async () => {
    const viewer = await h.token(userClaims(VIEWER_OID));
    const sink = createEngineSink({
      engineUrl: h.engine.url,
      database: DB,
      table: "Staging",
      mappingName: "StagingMapping",
      token: async () => viewer,
    });
    await expect(sink("{}")).rejects.toThrow(/403.*not authorized/);
    const wrongDb = createEngineSink({
      engineUrl: h.engine.url,
      database: "Other",
      table: "Staging",
      mappingName: "StagingMapping",
      token: async () => viewer,
      gzip: false,
    });
    await expect(wrongDb("{}")).rejects.toThrow(/40[34]/);
  });
});
