/**
 * The intake compiles the update policies after a metadata change, before any data arrives (policy-warmup.ts), so
 * the first batch does not pay for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "../testing/harness";
import { isCompiled } from "./policy-compile";
import { createStaging } from "./testing";
import { newTempName, policiesWithSource, tempRef } from "./update-policies";

describe("policies compiled ahead", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const allCompiled = () => {
    const storage = h.engine.storage;
    const policies = policiesWithSource(storage.catalog, "Staging");
    const source = { table: "Staging", temp: tempRef(newTempName("Staging")) };
    return policies.length > 0 && policies.every((p) => isCompiled(storage, source, p.target, p.entry));
  };

  it("compiles a new policy without any ingestion, and again after the next change", async () => {
    await createStaging(h);
    await mgmt(h.admin, ".create table Typed (Category: string)");
    await mgmt(
      h.admin,
      ".create function Categories() { Staging | mv-expand Raw.records | project Category = tostring(Raw_records.category) }",
    );
    await mgmt(
      h.admin,
      `.alter table Typed policy update @'[{"IsEnabled":true,"Source":"Staging","Query":"Categories()","IsTransactional":true}]'`,
    );
    await expect.poll(allCompiled, { timeout: 5000, interval: 100 }).toBe(true);

    // Another change makes a new metadata version: nothing is compiled for it until the intake warms it.
    await mgmt(h.admin, ".create table Other (A: string)");
    await expect.poll(allCompiled, { timeout: 5000, interval: 100 }).toBe(true);
  });
});
