import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type Harness, mgmt, startHarness } from "../testing/harness";
import { SEED_COMMANDS, withoutComments } from "../testing/seed-commands";

const POLICY_COLUMNS = [
  "PolicyName:string",
  "EntityName:string",
  "Policy:string",
  "ChildEntities:string",
  "EntityType:string",
];
const TARGET_COLUMNS =
  "AlertId:string, Timestamp:datetime, DeviceId:string, DeviceName:string, Severity:string, Category:string, " +
  "Title:string, FileName:string, SHA1:string, RemoteUrl:string, RemoteIp:string, ReportId:long, Table:string";
// The bare commands, without the article's comment lines.
const SEED_FUNCTION = withoutComments(SEED_COMMANDS.function);
const SEED_UPDATE = withoutComments(SEED_COMMANDS.updatePolicy);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await mgmt(h.admin, ".create table Staging (Raw: dynamic)");
  await mgmt(h.admin, SEED_FUNCTION);
  await mgmt(h.admin, `.create table DeviceAlertEvents (${TARGET_COLUMNS})`);
  await mgmt(h.admin, ".create table Other (x:long)");
});
afterAll(async () => {
  await h.close();
});

const policyOf = (rows: unknown[][]): unknown => JSON.parse(rows[0]?.[2] as string);

describe("update policy", () => {
  it("accepts the seed's update policy and echoes it with defaults", async () => {
    const r = await mgmt(h.admin, SEED_UPDATE);
    expect(r.columns).toEqual(POLICY_COLUMNS);
    expect(r.rows[0]?.slice(0, 2)).toEqual(["UpdatePolicy", "[Defender].[DeviceAlertEvents]"]);
    expect(r.rows[0]?.slice(3)).toEqual(["", "Table"]);
    expect(policyOf(r.rows)).toEqual([
      {
        IsEnabled: true,
        Source: "Staging",
        Query: "FilterDeviceAlertEvents()",
        IsTransactional: true,
        PropagateIngestionProperties: true,
      },
    ]);
  });

  it(".show table T policy update and .show table * policy update", async () => {
    const one = await mgmt(h.admin, ".show table DeviceAlertEvents policy update");
    expect(one.columns).toEqual(POLICY_COLUMNS);
    expect((policyOf(one.rows) as unknown[]).length).toBe(1);
    const all = await mgmt(h.admin, ".show table * policy update");
    expect(all.columns).toEqual(POLICY_COLUMNS);
    const byEntity = new Map(all.rows.map((r) => [r[1], r[2]]));
    expect(byEntity.get("[Defender].[Staging]")).toBe("null");
    expect(JSON.parse(byEntity.get("[Defender].[DeviceAlertEvents]") as string)).toHaveLength(1);
  });

  it(".alter-merge appends entries without de-duplication", async () => {
    const r = await mgmt(
      h.admin,
      `.alter-merge table DeviceAlertEvents policy update @'[{"IsEnabled": true, "Source": "Staging", "Query": "FilterDeviceAlertEvents()", "IsTransactional": true}]'`,
    );
    expect(policyOf(r.rows)).toHaveLength(2);
  });

  it("refuses a query whose schema differs from the target's (names, types, order)", async () => {
    const f = await failure(
      h.admin.executeMgmt(
        "Defender",
        `.alter table Other policy update @'[{"IsEnabled": true, "Source": "Staging", "Query": "FilterDeviceAlertEvents()", "IsTransactional": true}]'`,
      ),
    );
    expect(f.status).toBe(400);
    expect(f.message).toContain("Query schema does not match table schema");
    expect(f.message).toContain("TableSchema=('x:long')");
    const renamed = await failure(
      h.admin.executeMgmt(
        "Defender",
        `.alter table Other policy update @'[{"IsEnabled": true, "Source": "Staging", "Query": "Staging | project y = tolong(Raw.x)", "IsTransactional": true}]'`,
      ),
    );
    expect(renamed.message).toContain("QuerySchema=('y:long')");
  });

  it("refuses a missing source, an invalid query and bad JSON", async () => {
    const cases: [string, RegExp][] = [
      [
        `@'[{"IsEnabled": true, "Source": "Nope", "Query": "Other", "IsTransactional": true}]'`,
        /source table 'Nope' does not exist/,
      ],
      [
        `@'[{"IsEnabled": true, "Source": "Staging", "Query": "Staging | where", "IsTransactional": true}]'`,
        /the query .* is invalid: KS006: Missing expression/,
      ],
      [`@'[broken'`, /Failed to parse the UpdatePolicy JSON/],
      [`@'{"Source":"Staging"}'`, /expected a JSON array/],
      [`@'[{"IsEnabled": true, "Source": "Staging", "Query": "Other", "Typo": 1}]'`, /unknown property 'Typo'/],
    ];
    for (const [literal, message] of cases) {
      const f = await failure(h.admin.executeMgmt("Defender", `.alter table Other policy update ${literal}`));
      expect(f.status).toBe(400);
      expect(f.message).toMatch(message);
    }
    const missing = await failure(h.admin.executeMgmt("Defender", `.alter table Nope policy update @'[]'`));
    expect(missing.code).toBe("BadRequest_EntityNotFound");
  });

  it(".delete table T policy update removes every entry", async () => {
    const r = await mgmt(h.admin, ".delete table DeviceAlertEvents policy update");
    expect(r.columns).toEqual(POLICY_COLUMNS);
    expect(r.rows[0]?.[2]).toBe("null");
    const shown = await mgmt(h.admin, ".show table DeviceAlertEvents policy update");
    expect(shown.rows[0]?.[2]).toBe("null");
    await mgmt(h.admin, SEED_UPDATE);
  });
});

describe("retention policy", () => {
  it("accepts the seed's `softdelete = 0s` (recoverability disabled automatically)", async () => {
    const r = await mgmt(h.admin, ".alter-merge table Staging policy retention softdelete = 0s");
    expect(r.columns).toEqual(POLICY_COLUMNS);
    expect(r.rows[0]?.slice(0, 2)).toEqual(["RetentionPolicy", "[Defender].[Staging]"]);
    expect(policyOf(r.rows)).toEqual({ SoftDeletePeriod: "00:00:00", Recoverability: "Disabled" });
    // The Policy text is indented JSON, as in the documented sample.
    expect(r.rows[0]?.[2]).toBe('{\n  "SoftDeletePeriod": "00:00:00",\n  "Recoverability": "Disabled"\n}');
  });

  it("accepts the documented forms", async () => {
    await mgmt(h.admin, ".alter-merge table Staging policy retention softdelete = 0s recoverability = disabled");
    const json = await mgmt(
      h.admin,
      `.alter table Other policy retention '{"SoftDeletePeriod":"10.00:00:00","Recoverability":"Enabled"}'`,
    );
    expect(policyOf(json.rows)).toEqual({ SoftDeletePeriod: "10.00:00:00", Recoverability: "Enabled" });
    const merged = await mgmt(h.admin, ".alter-merge table Other policy retention softdelete = 7d");
    expect(policyOf(merged.rows)).toEqual({ SoftDeletePeriod: "7.00:00:00", Recoverability: "Enabled" });
    const defaults = await mgmt(h.admin, ".alter table Other policy retention '{}'");
    expect(policyOf(defaults.rows)).toEqual({ SoftDeletePeriod: "365000.00:00:00", Recoverability: "Enabled" });
  });

  it("rejects invalid retention values", async () => {
    for (const [text, message] of [
      ['.alter table Other policy retention \'{"SoftDeletePeriod":"abc"}\'', /is not a timespan/],
      ['.alter table Other policy retention \'{"SoftDeletePeriod":"400000.00:00:00"}\'', /between 00:00:00 and 365000/],
      [".alter-merge table Other policy retention softdelete = 0s recoverability = enabled", /must be Disabled/],
      [".alter-merge database Defender policy retention softdelete = 0s", /only on tables/],
      [".alter table Other policy retention '{not json'", /Failed to parse the RetentionPolicy JSON/],
    ] as const) {
      const f = await failure(h.admin.executeMgmt("Defender", text));
      expect(f.status).toBe(400);
      expect(f.message).toMatch(message);
    }
  });

  it("shows table and database retention; details show the effective policy", async () => {
    const t = await mgmt(h.admin, ".show table Staging policy retention");
    expect(t.columns).toEqual(POLICY_COLUMNS);
    expect(policyOf(t.rows)).toEqual({ SoftDeletePeriod: "00:00:00", Recoverability: "Disabled" });
    const none = await mgmt(h.admin, ".show table DeviceAlertEvents policy retention");
    expect(none.rows[0]?.[2]).toBe("null");
    const db = await mgmt(h.admin, '.alter database Defender policy retention \'{"SoftDeletePeriod":"30.00:00:00"}\'');
    expect(db.rows[0]?.slice(0, 2)).toEqual(["RetentionPolicy", "[Defender]"]);
    expect(db.rows[0]?.[4]).toBe("Database");
    expect(JSON.parse(db.rows[0]?.[3] as string)).toContain("Staging");
    const shown = await mgmt(h.admin, ".show database policy retention");
    expect(policyOf(shown.rows)).toEqual({ SoftDeletePeriod: "30.00:00:00", Recoverability: "Enabled" });
    const details = await mgmt(h.admin, ".show tables details");
    const retention = new Map(details.rows.map((r) => [r[0], r[13]]));
    expect(JSON.parse(retention.get("Staging") as string).SoftDeletePeriod).toBe("00:00:00");
    expect(JSON.parse(retention.get("DeviceAlertEvents") as string).SoftDeletePeriod).toBe("30.00:00:00");
    await mgmt(h.admin, ".delete database Defender policy retention");
    const after = await mgmt(h.admin, ".show table DeviceAlertEvents details");
    expect(after.rows[0]?.[13]).toBe("null");
  });

  it("requires transactional update policies over a zero-retention source", async () => {
    const f = await failure(
      h.admin.executeMgmt(
        "Defender",
        `.alter-merge table DeviceAlertEvents policy update @'[{"IsEnabled": true, "Source": "Staging", "Query": "FilterDeviceAlertEvents()", "IsTransactional": false}]'`,
      ),
    );
    expect(f.message).toMatch(/must be transactional/);
  });
});

describe("ingestion batching policy", () => {
  it("accepts the seed's command and shows it", async () => {
    const r = await mgmt(
      h.admin,
      `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:30", "MaximumNumberOfItems": 500, "MaximumRawDataSizeMB": 1024}'`,
    );
    expect(r.columns).toEqual(POLICY_COLUMNS);
    expect(r.rows[0]?.slice(0, 2)).toEqual(["IngestionBatchingPolicy", "[Defender].[Staging]"]);
    expect(policyOf(r.rows)).toEqual({
      MaximumBatchingTimeSpan: "00:00:30",
      MaximumNumberOfItems: 500,
      MaximumRawDataSizeMB: 1024,
    });
    const shown = await mgmt(h.admin, ".show table Staging policy ingestionbatching");
    expect(shown.rows).toEqual(r.rows);
  });

  it(".alter resets omitted fields to the defaults; .alter-merge keeps them", async () => {
    await mgmt(
      h.admin,
      `.alter table Other policy ingestionbatching @'{"MaximumNumberOfItems": 100, "MaximumRawDataSizeMB": 200}'`,
    );
    const merged = await mgmt(
      h.admin,
      `.alter-merge table Other policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:01:00"}'`,
    );
    expect(policyOf(merged.rows)).toEqual({
      MaximumBatchingTimeSpan: "00:01:00",
      MaximumNumberOfItems: 100,
      MaximumRawDataSizeMB: 200,
    });
    const replaced = await mgmt(
      h.admin,
      `.alter table Other policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:02:00"}'`,
    );
    expect(policyOf(replaced.rows)).toEqual({
      MaximumBatchingTimeSpan: "00:02:00",
      MaximumNumberOfItems: 500,
      MaximumRawDataSizeMB: 1024,
    });
  });

  it("enforces ADX's limits", async () => {
    for (const [json, message] of [
      ['{"MaximumBatchingTimeSpan":"00:00:05"}', /between 00:00:10 and 00:30:00/],
      ['{"MaximumBatchingTimeSpan":"00:31:00"}', /between 00:00:10 and 00:30:00/],
      ['{"MaximumNumberOfItems":0}', /MaximumNumberOfItems must be between 1 and 25000/],
      ['{"MaximumNumberOfItems":25001}', /between 1 and 25000/],
      ['{"MaximumRawDataSizeMB":99}', /between 100 and 4096/],
      ['{"MaximumRawDataSizeMB":4097}', /between 100 and 4096/],
      ['{"MaximumBatchingTime":"00:01:00"}', /unknown property/],
      ["{oops", /Failed to parse the IngestionBatchingPolicy JSON/],
    ] as const) {
      const f = await failure(
        h.admin.executeMgmt("Defender", `.alter table Other policy ingestionbatching @'${json}'`),
      );
      expect(f.status).toBe(400);
      expect(f.message).toMatch(message);
    }
  });

  it("database level: alter, alter-merge, show, delete; effective in details (table → database → null)", async () => {
    const r = await mgmt(
      h.admin,
      `.alter database Defender policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:20"}'`,
    );
    expect(r.rows[0]?.slice(0, 2)).toEqual(["IngestionBatchingPolicy", "[Defender]"]);
    const merged = await mgmt(
      h.admin,
      `.alter-merge database Defender policy ingestionbatching @'{"MaximumNumberOfItems":42}'`,
    );
    expect(policyOf(merged.rows)).toEqual({
      MaximumBatchingTimeSpan: "00:00:20",
      MaximumNumberOfItems: 42,
      MaximumRawDataSizeMB: 1024,
    });
    const shown = await mgmt(h.admin, ".show database Defender policy ingestionbatching");
    expect(shown.rows).toEqual(merged.rows);
    let details = new Map((await mgmt(h.admin, ".show tables details")).rows.map((row) => [row[0], row[18]]));
    expect(JSON.parse(details.get("Staging") as string).MaximumBatchingTimeSpan).toBe("00:00:30");
    expect(JSON.parse(details.get("DeviceAlertEvents") as string).MaximumNumberOfItems).toBe(42);
    await mgmt(h.admin, ".delete table Staging policy ingestionbatching");
    expect((await mgmt(h.admin, ".show table Staging policy ingestionbatching")).rows[0]?.[2]).toBe("null");
    details = new Map((await mgmt(h.admin, ".show tables details")).rows.map((row) => [row[0], row[18]]));
    expect(JSON.parse(details.get("Staging") as string).MaximumNumberOfItems).toBe(42);
    await mgmt(h.admin, ".delete database Defender policy ingestionbatching");
    details = new Map((await mgmt(h.admin, ".show tables details")).rows.map((row) => [row[0], row[18]]));
    expect(details.get("Staging")).toBe("null");
  });
});
