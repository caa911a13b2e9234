import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await mgmt(h.admin, ".create table Events (Name:string, N:long)");
});
afterAll(async () => {
  await h.close();
});

// The storage write API is what ingestion (part 2) calls; its effect is checked through the protocol only.
describe("extents written through Storage.write show up in .show table T details and queries", () => {
  it("reports extent counts, row counts, sizes and creation times", async () => {
    const created = "2026-01-05T10:00:00.1234567Z";
    await h.engine.storage.write(async (tx) => {
      await tx.db.run(
        `INSERT INTO "t"."Events" VALUES ('a', 1, '00000000-0000-0000-0000-000000000001', CAST(? AS TIMESTAMP_NS)),
                                         ('b', 2, '00000000-0000-0000-0000-000000000001', CAST(? AS TIMESTAMP_NS))`,
        [created, created],
      );
      await tx.addExtent({
        extentId: "00000000-0000-0000-0000-000000000001",
        table: "Events",
        rowCount: 2,
        originalSize: 100,
        extentSize: 40,
        createdOn: created,
      });
    });
    const row = (await mgmt(h.admin, ".show table Events details")).rows[0] as unknown[];
    expect(row.slice(4, 12)).toEqual([1, 40, 100, 2, 1, 40, 100, 2]);
    expect(row[19]).toBe(created);
    expect(row[20]).toBe(created);
    const count = await h.admin.execute("Defender", "Events | count");
    expect(count.primaryResults[0]?._rows).toEqual([[2]]);
  });

  it("drops extents older than a cut-off (retention)", async () => {
    await h.engine.storage.write((tx) => tx.dropExtentsBefore("Events", "2026-01-06T00:00:00.0000000Z"));
    const row = (await mgmt(h.admin, ".show table Events details")).rows[0] as unknown[];
    expect(row.slice(4, 8)).toEqual([0, 0, 0, 0]);
    expect(row[19]).toBeNull();
  });
});
