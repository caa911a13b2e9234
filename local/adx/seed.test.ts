import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "./testing/harness";
import { SEED_COMMANDS as SEED } from "./testing/seed-commands";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("the seed walkthrough's commands, verbatim", () => {
  it("creates Staging, its mapping and the filter function", async () => {
    expect((await mgmt(h.admin, SEED.createStaging)).rows[0]?.[0]).toBe("Staging");
    expect((await mgmt(h.admin, SEED.mapping)).rows[0]?.slice(0, 2)).toEqual(["StagingMapping", "JSON"]);
    const fn = await mgmt(h.admin, SEED.function);
    expect(fn.rows[0]?.slice(0, 2)).toEqual(["FilterDeviceAlertEvents", "()"]);
    expect(fn.rows[0]?.slice(3)).toEqual(["UpdatePolicies", "Filters data for Device Alert Events for ingestion"]);
  });

  it(".set-or-append creates DeviceAlertEvents from the function's schema", async () => {
    await mgmt(h.admin, SEED.setOrAppend);
    const schema = await mgmt(h.admin, ".show table DeviceAlertEvents cslschema");
    expect(schema.rows[0]?.[1]).toBe(
      "AlertId:string, Timestamp:datetime, DeviceId:string, DeviceName:string, Severity:string, Category:string, " +
        "Title:string, FileName:string, SHA1:string, RemoteUrl:string, RemoteIp:string, ReportId:long, Table:string",
    );
  });

  it("sets the update policy, retention and batching", async () => {
    const update = await mgmt(h.admin, SEED.updatePolicy);
    expect(JSON.parse(update.rows[0]?.[2] as string)[0]).toMatchObject({ Source: "Staging", IsTransactional: true });
    const retention = await mgmt(h.admin, SEED.retention);
    expect(JSON.parse(retention.rows[0]?.[2] as string)).toEqual({
      SoftDeletePeriod: "00:00:00",
      Recoverability: "Disabled",
    });
    const batching = await mgmt(h.admin, SEED.batching);
    expect(JSON.parse(batching.rows[0]?.[2] as string).MaximumBatchingTimeSpan).toBe("00:00:30");
  });

  it("re-running the idempotent commands changes nothing", async () => {
    await mgmt(h.admin, SEED.createStaging);
    await mgmt(h.admin, SEED.updatePolicy);
    const policies = await mgmt(h.admin, ".show table DeviceAlertEvents policy update");
    expect(JSON.parse(policies.rows[0]?.[2] as string)).toHaveLength(1);
  });
});
