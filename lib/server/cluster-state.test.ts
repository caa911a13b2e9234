import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableNames } from "@/kql/catalog";
import { deriveStagingStatus, deriveTableStatus } from "@/kql/status";
import { startConsoleHarness, type ConsoleHarness } from "./state/testing/console-harness";

/**
 * readClusterState against the real local engine: the state it builds, and the number of requests one read costs,
 * counted by the engine itself in `.show commands-and-queries` — equal for 1 table and for all 26.
 */
const target = { database: "Defender", stagingTable: "Staging", mappingName: "StagingMapping" };
let h: ConsoleHarness;
// Loaded after the harness has set the env, in the same module graph as the executor (one AppError class).
let applyStaging: typeof import("./apply").applyStaging;
let applyTables: typeof import("./apply").applyTables;
let readClusterState: typeof import("./cluster-state").readClusterState;
let readClusterStateWithWarnings: typeof import("./cluster-state").readClusterStateWithWarnings;
beforeAll(async () => {
  h = await startConsoleHarness();
  ({ applyStaging, applyTables } = await import("./apply"));
  ({ readClusterState, readClusterStateWithWarnings } = await import("./cluster-state"));
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const LOG = ".show commands-and-queries";
/** Requests the engine logged, without the log reads themselves. */
async function requestCount(): Promise<number> {
  const log = await h.admin.executeCommand("Defender", LOG);
  return log.rows.filter((r) => !String(r[2]).startsWith(LOG)).length;
}
async function roundTripsOfOneRead(): Promise<number> {
  const before = await requestCount();
  await readClusterState(h.admin, target);
  return (await requestCount()) - before;
}
const ctx = () => ({ executor: h.admin, target, appliedBy: "admin@contoso.local" });

describe("readClusterState on the local engine", () => {
  it("reads a fresh database: nothing there, a missing Staging has no mappings (not an error)", async () => {
    const { state } = await readClusterStateWithWarnings(h.admin, target);
    expect(state).toMatchObject({
      database: "Defender",
      tables: {},
      functions: {},
      updatePolicies: {},
      stagingMappings: [],
    });
    expect(state.activity).toEqual({});
    expect(Date.parse(state.readAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(deriveStagingStatus(state).status).toBe("not-set-up");
    // Without catalog tables there is no activity query to send.
    expect(await roundTripsOfOneRead()).toBe(4);
  });

  let oneTable = 0;
  it("reads Staging and a configured table: columns in order, function, policy, mapping, effective policies", async () => {
    expect((await applyStaging(ctx())).outcome).toBe("applied");
    expect((await applyTables(ctx(), ["DeviceInfo"])).summary.applied).toBe(1);
    const state = await readClusterState(h.admin, target);
    expect(state.tables.Staging).toMatchObject({
      columns: [{ name: "Raw", type: "dynamic" }],
      effectiveRetention: { SoftDeletePeriod: "00:00:00", Recoverability: "Disabled" },
      effectiveBatching: { MaximumBatchingTimeSpan: "00:00:30", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 },
    });
    expect(state.tables.DeviceInfo?.columns[0]).toEqual({ name: "Timestamp", type: "datetime" });
    expect(state.functions.FilterDeviceInfo).toMatchObject({
      name: "FilterDeviceInfo",
      parameters: "()",
      folder: "UpdatePolicies",
    });
    expect(state.functions.FilterDeviceInfo?.body).toMatch(/^\{[\s\S]*Staging[\s\S]*\}$/);
    expect(state.updatePolicies.DeviceInfo).toMatchObject([
      { Source: "Staging", Query: "FilterDeviceInfo()", IsTransactional: true },
    ]);
    expect(state.stagingMappings.map((m) => [m.name, m.kind.toLowerCase()])).toEqual([["StagingMapping", "json"]]);
    expect(deriveStagingStatus(state).status).toBe("ready");
    expect(deriveTableStatus("DeviceInfo", state).status).toBe("waiting");
    oneTable = await roundTripsOfOneRead();
    // Four concurrent commands plus the one activity query: at most 5, as issue 7 asks.
    expect(oneTable).toBe(5);
  });

  it("counts rows of the last hour, the last ingestion and the last event time with ONE query", async () => {
    const token = await h.adminEngineToken();
    const eventTime = new Date(Date.now() - 5 * 60_000).toISOString();
    const record = (device: string) => ({
      time: eventTime,
      tenantId: "t",
      operationName: "Publish",
      category: "AdvancedHunting-DeviceInfo",
      properties: { Timestamp: eventTime, DeviceId: device, DeviceName: `${device}.contoso.local` },
    });
    const res = await fetch(
      `${h.engine.url}/v1/rest/ingest/Defender/Staging?streamFormat=multijson&mappingName=StagingMapping`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ records: [record("d1"), record("d2")] }),
      },
    );
    expect(res.status).toBe(200);
    const state = await readClusterState(h.admin, target);
    const activity = state.activity.DeviceInfo;
    expect(activity?.rowsLastHour).toBe(2);
    expect(Date.parse(activity!.lastIngestion!)).toBeGreaterThan(Date.now() - 60_000);
    expect(activity?.lastEventTime).toBe(eventTime);
    expect(deriveTableStatus("DeviceInfo", state).status).toBe("healthy");
  });

  it("costs the same number of round trips with all 26 tables set up as with one", async () => {
    const bulk = await applyTables(ctx(), tableNames);
    expect(bulk.summary).toMatchObject({ applied: tableNames.length - 1, "nothing-to-do": 1, failed: 0 });
    const state = await readClusterState(h.admin, target);
    expect(tableNames.every((t) => ["waiting", "healthy"].includes(deriveTableStatus(t, state).status))).toBe(true);
    const all = await roundTripsOfOneRead();
    expect(all).toBe(oneTable);
  }, 180_000);

  it("reads ingestion failures: a drifted function breaks the policy at run time; apply fixes the drift", async () => {
    // ADX checks an update policy only when it is set; a later function change breaks it at ingestion time.
    await h.admin.executeCommand(
      "Defender",
      ".create-or-alter function with (folder = 'UpdatePolicies') FilterAlertInfo() { Staging | project Timestamp = now() }",
    );
    const token = await h.adminEngineToken();
    const at = new Date().toISOString();
    await fetch(`${h.engine.url}/v1/rest/ingest/Defender/Staging?streamFormat=multijson&mappingName=StagingMapping`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        records: [{ time: at, category: "AdvancedHunting-AlertInfo", properties: { Timestamp: at } }],
      }),
    });
    const { state, warnings } = await readClusterStateWithWarnings(h.admin, target);
    expect(warnings).toEqual([]);
    expect(state.failures.AlertInfo).toMatchObject({ originatesFromUpdatePolicy: true });
    expect(state.failures.AlertInfo!.count).toBeGreaterThanOrEqual(1);
    const drifted = deriveTableStatus("AlertInfo", state);
    expect(drifted.status).toBe("drifted");
    expect(drifted.parts.function).toBe("drifted");

    const fixed = await applyTables(ctx(), ["AlertInfo"]);
    expect(fixed.results[0]?.commands.map((c) => c.id)).toEqual(["function:FilterAlertInfo"]);
    // Configured again, but the failure of a minute ago still counts.
    expect(deriveTableStatus("AlertInfo", await readClusterState(h.admin, target)).status).toBe("failing");
  });
});
