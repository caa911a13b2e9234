/** The batcher with an injected clock: ADX's default policy (5 minutes) without waiting 5 minutes. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Storage } from "../storage/storage";
import { dataTableRef } from "../storage/sql";
import { tempDataDir } from "../testing/harness";
import { Intake, listBatches } from "./intake";

describe("Intake (injected clock)", () => {
  let data: ReturnType<typeof tempDataDir>;
  let storage: Storage;
  let clock = 0;
  let intake: Intake;
  beforeEach(async () => {
    data = tempDataDir();
    storage = await Storage.open(data.dir, "Defender");
    await storage.change(async (tx) => {
      await tx.createTable("Staging", [{ name: "Raw", type: "dynamic" }], "", "");
      await tx.putMapping("Staging", "StagingMapping", "JSON", '[{"column":"Raw","path":"$"}]');
    });
    clock = Date.UTC(2026, 0, 5, 10);
    intake = await Intake.start({ storage, database: "Defender", now: () => clock, tickMs: 0 });
  });
  afterEach(async () => {
    await intake.close();
    await storage.close();
    data.remove();
  });

  const rows = async () => Number((await storage.query(`SELECT count(*) AS n FROM ${dataTableRef("Staging")}`))[0]!.n);

  it("seals by time after the default 5 minutes since the first item", async () => {
    expect((await intake.enqueue("Staging", "multijson", "StagingMapping", '{"records":[1]}')).status).toBe("enqueued");
    clock += 200_000;
    expect((await intake.enqueue("Staging", "multijson", "StagingMapping", '{"records":[2]}')).status).toBe("enqueued");
    clock += 99_000;
    await intake.tick();
    expect(await rows()).toBe(0);
    clock += 1_000;
    await intake.tick();
    expect(await rows()).toBe(2);
    const [batch] = await listBatches(storage, { table: "Staging" });
    expect(batch).toMatchObject({ items: 2, records: 2, reason: "time", delayMs: 300_000, failedItems: 0 });
    expect(intake.pending().Staging?.items).toBe(0);
  });

  it("seals by the default 500 items and answers not-ready for unknown tables or mappings", async () => {
    for (let i = 0; i < 500; i++) await intake.enqueue("Staging", "json", "StagingMapping", `{"i":${i}}`);
    await intake.idle();
    expect(await rows()).toBe(500);
    expect((await listBatches(storage, {}))[0]).toMatchObject({ items: 500, reason: "count" });
    expect((await intake.enqueue("Nope", "json", "", "{}")).status).toBe("not-ready");
    expect((await intake.enqueue("Staging", "json", "Missing", "{}")).status).toBe("not-ready");
  });
});
