import { describe, expect, it } from "vitest";
import type { StateTable } from "@/kql/state";
import { buildActivityQuery, stateCommands } from "./commands";

const table = (name: string, timestampType: string | null = "datetime"): StateTable => ({
  name,
  folder: "",
  docString: "",
  columns: timestampType ? [{ name: "Timestamp", type: timestampType }] : [],
  totalRowCount: 0,
  effectiveRetention: null,
  effectiveBatching: null,
});

describe("buildActivityQuery", () => {
  it("is one parameterised union over the catalog tables that exist, nothing else", () => {
    const q = buildActivityQuery({
      Staging: table("Staging", null),
      DeviceInfo: table("DeviceInfo"),
      "x'; .drop table T": table("x'; .drop table T"),
      AlertInfo: table("AlertInfo"),
      deviceinfo: table("deviceinfo"),
    });
    expect(q?.text).toBe(
      [
        "declare query_parameters(since:datetime);",
        "union withsource=TableName DeviceInfo, AlertInfo",
        "| where ingestion_time() > since",
        "| summarize RowsLastHour = count(), LastIngestion = max(ingestion_time()), LastEventTime = max(Timestamp) by TableName",
      ].join("\n"),
    );
  });

  it("leaves out a table whose Timestamp is not a datetime, and the event time when no table has one", () => {
    expect(
      buildActivityQuery({ DeviceInfo: table("DeviceInfo", "string"), AlertInfo: table("AlertInfo") })?.skipped,
    ).toEqual(["DeviceInfo"]);
    expect(buildActivityQuery({ AlertInfo: table("AlertInfo", null) })?.text).not.toMatch(/Timestamp/);
  });

  it("is null when no catalog table exists", () => {
    expect(buildActivityQuery({ Staging: table("Staging", null) })).toBeNull();
  });
});

describe("stateCommands", () => {
  it("quotes configured names", () => {
    const c = stateCommands({ database: "Security Db", stagingTable: "Raw Events", mappingName: "M" });
    expect(c.schema).toBe(".show database ['Security Db'] schema as json");
    expect(c.script).toBe(
      ".show database ['Security Db'] schema as csl script with (IncludeEncodingPolicies = false, IncludeSecuritySettings = false)",
    );
  });

  it("reads failures of the window only, in whole minutes", () => {
    const target = { database: "D", stagingTable: "S", mappingName: "M" };
    expect(stateCommands(target).failures).toBe(".show ingestion failures | where FailedOn > ago(60m)");
    expect(stateCommands({ ...target, windowMinutes: 7.5 }).failures).toMatch(/ago\(8m\)$/);
    expect(stateCommands({ ...target, windowMinutes: 0 }).failures).toMatch(/ago\(1m\)$/);
  });
});
