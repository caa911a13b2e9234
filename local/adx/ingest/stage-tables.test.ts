/**
 * `withStatementsForAnyRows` with ingestion lanes side by side: DuckDB's `disabled_optimizers` is global to the
 * instance, so it stays set until the last lane inside has left, and is reset then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Storage } from "../storage/storage";
import { tempDataDir } from "../testing/harness";
import { withStatementsForAnyRows } from "./stage-tables";

describe("withStatementsForAnyRows across lanes", () => {
  const data = tempDataDir();
  let storage: Storage;
  beforeAll(async () => {
    storage = await Storage.open(data.dir, "Defender");
  });
  afterAll(async () => {
    await storage.close();
    data.remove();
  });

  const setting = async (s: Storage) =>
    String((await s.db.all(`SELECT current_setting('disabled_optimizers') AS v`))[0]!.v);

  it("keeps the optimizers off while any lane is inside, and resets them after the last", async () => {
    const lane = storage.throughLane(await storage.db.openLane());
    let leaveFirst!: () => void;
    const first = withStatementsForAnyRows(storage, () => new Promise<void>((resolve) => (leaveFirst = resolve)));
    let seenAfterFirstLeft = "";
    let leaveSecond!: () => void;
    const secondLeft = new Promise<void>((resolve) => (leaveSecond = resolve));
    const second = withStatementsForAnyRows(lane, async () => {
      leaveFirst();
      await first;
      seenAfterFirstLeft = await setting(lane);
      await secondLeft;
    });
    await new Promise((r) => setTimeout(r, 50));
    leaveSecond();
    await second;
    expect(seenAfterFirstLeft).toContain("statistics_propagation");
    expect(await setting(storage)).toBe("");
  });
});
