import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "./testing/harness";

// Every command of the seed walkthrough (shared/seed/000_6a8ecb69e76e9693.txt), verbatim, including comment lines.
const SEED = {
  createStaging: `// Raw column is going to get data JSON array in each row
.create table Staging (Raw: dynamic)`,
  mapping: `// This mapping would map the root element of JSON and ingest it into Raw column
.create table Staging ingestion json mapping 'StagingMapping' '[{"column":"Raw","path":"$","datatype":"dynamic","transform":null}]'`,
  function: `// This function will be created in a folder called UpdatePolicies
.create function with (docstring = "Filters data for Device Alert Events for ingestion", folder = "UpdatePolicies") FilterDeviceAlertEvents()
{
Staging
 | mv-expand Raw.records
 | project Properties=Raw_records.properties, Category=Raw_records.category
 | where Category == "AdvancedHunting-DeviceAlertEvents"
 | project           AlertId=tostring(Properties.AlertId),
Timestamp=todatetime(Properties.Timestamp),
DeviceId=tostring(Properties.DeviceId),
DeviceName=tostring(Properties.DeviceName),
Severity=tostring(Properties.Severity),
Category=tostring(Properties.Category),
Title=tostring(Properties.Title),
FileName=tostring(Properties.FileName),
SHA1=tostring(Properties.SHA1),
RemoteUrl=tostring(Properties.RemoteUrl),
RemoteIp=tostring(Properties.RemoteIp),
ReportId=tolong(Properties.ReportId),
Table=tostring(Properties.Table)
}`,
  setOrAppend: `// This control command is going to perform two tasks
// 1. Create a table with the same schema as the output of FilterDeviceAlertEvents
// 2. Populate the data that is already available in Staging table (doing data back fill)
.set-or-append DeviceAlertEvents <| FilterDeviceAlertEvents()`,
  updatePolicy: `// This command is setting the update policy and using Staging as a source for ingestion and FilterDeviceAlertEvents as the query to run for each ingestion
.alter table DeviceAlertEvents policy update 
@'[{"IsEnabled": true, "Source": "Staging", "Query": "FilterDeviceAlertEvents()", "IsTransactional": true, "PropagateIngestionProperties": true}]'`,
  retention: `// Data will not be retained on this table after ingestion
.alter-merge table Staging policy retention softdelete = 0s`,
  batching:
    '// Set IngestionBatching policy on table `Staging` (in database context) to batch ingress data by 30 seconds, 500 files, or 1GB (whatever comes first)\n.alter table Staging policy ingestionbatching @\'{"MaximumBatchingTimeSpan":"00:00:30", "MaximumNumberOfItems": 500, "MaximumRawDataSizeMB": 1024}\'',
};

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
