/** Update policy cascades (each table once), zero retention in the middle of a chain, and retention by age. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "../testing/harness";
import { sweepRetention } from "./retention";
import { scalar } from "./testing";

describe("cascades and retention", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const c of [
      ".create table Src (a: string)",
      ".create table Mid (a: string)",
      ".create table Leaf (a: string)",
      ".create-or-alter function ToMid() { Src | project a = strcat(a, '>mid') }",
      ".create-or-alter function ToLeaf() { Mid | project a = strcat(a, '>leaf') }",
      ".create-or-alter function BackToSrc() { Leaf | project a = strcat(a, '>src') }",
      `.alter table Mid policy update @'[{"IsEnabled": true, "Source": "Src", "Query": "ToMid()", "IsTransactional": true}]'`,
      `.alter table Leaf policy update @'[{"IsEnabled": true, "Source": "Mid", "Query": "ToLeaf()", "IsTransactional": true}]'`,
      // A cycle: ADX cuts it at run time, each table is ingested once per operation.
      `.alter table Src policy update @'[{"IsEnabled": true, "Source": "Leaf", "Query": "BackToSrc()", "IsTransactional": false}]'`,
    ]) {
      await mgmt(h.admin, c);
    }
  });
  afterAll(async () => h?.close());

  it("cascades A → B → C once, cutting the cycle back to A", async () => {
    await mgmt(h.admin, ".ingest inline into table Src <| x");
    expect(await scalar(h.admin, "Src | count")).toBe(1);
    expect(await scalar(h.admin, "Leaf | project a")).toBe("x>mid>leaf");
  });

  it("a zero-retention table in the middle feeds its policies but keeps nothing", async () => {
    await mgmt(h.admin, ".alter-merge table Mid policy retention softdelete = 0s");
    await mgmt(h.admin, ".ingest inline into table Src <| y");
    expect(await scalar(h.admin, "Leaf | where a == 'y>mid>leaf' | count")).toBe(1);
    // Only the row ingested before the change is there, until the sweep applies the new period to it.
    expect(await scalar(h.admin, "Mid | count")).toBe(1);
    await sweepRetention(h.engine.storage);
    expect(await scalar(h.admin, "Mid | count")).toBe(0);
  });

  it("drops extents older than the retention period", async () => {
    await mgmt(h.admin, ".create table Aging (a: string)");
    await mgmt(h.admin, ".alter-merge table Aging policy retention softdelete = 1d");
    await mgmt(h.admin, ".ingest inline into table Aging <| old");
    await sweepRetention(h.engine.storage);
    expect(await scalar(h.admin, "Aging | count")).toBe(1);
    const twoDaysLater = new Date(Date.now() + 2 * 86_400_000);
    expect(await sweepRetention(h.engine.storage, twoDaysLater)).toBe(1);
    expect(await scalar(h.admin, "Aging | count")).toBe(0);
    const details = await mgmt(h.admin, ".show table Aging details");
    expect(details.rows[0]![4]).toBe(0);
    // Other tables (no retention policy) are untouched.
    expect(await scalar(h.admin, "Src | count")).toBe(2);
  });
});
