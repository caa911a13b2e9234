import { describe, expect, it } from "vitest";

import { getTable } from "@/kql/catalog";
import { col, defineTable } from "@/kql/catalog/define";

import { buildBackfillCommand, buildCreateMergeTableCommand } from "./table";

describe("buildCreateMergeTableCommand", () => {
  it("lists the catalog's columns with their types, in order", () => {
    expect(buildCreateMergeTableCommand(getTable("AlertInfo"))).toBe(
      ".create-merge table AlertInfo (Timestamp: datetime, AlertId: string, Title: string, Category: string, " +
        "Severity: string, ServiceSource: string, DetectionSource: string, AttackTechniques: string, MachineGroup: string)",
    );
  });

  it("keeps streamed:false columns so hunting queries port unchanged", () => {
    expect(buildCreateMergeTableCommand(getTable("EmailEvents"))).toContain("LatestDeliveryLocation: string");
  });

  it("brackets names that are not plain identifiers", () => {
    const table = defineTable({ name: "T", family: "Preview", preview: true, docsUrl: "", notes: [] }, [
      col("where", "string", ""),
      col("Ok", "dynamic", ""),
    ]);
    expect(buildCreateMergeTableCommand(table)).toBe(".create-merge table T (['where']: string, Ok: dynamic)");
  });
});

describe("buildBackfillCommand", () => {
  it("appends the Filter function's output", () => {
    expect(buildBackfillCommand(getTable("DeviceProcessEvents"))).toBe(
      ".set-or-append DeviceProcessEvents <| FilterDeviceProcessEvents()",
    );
  });
});
