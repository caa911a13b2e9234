import { describe, expect, it } from "vitest";

import { KqlNameError } from "@/kql/quote";

import { buildCreateStagingTableCommand, buildStagingMappingCommand } from "./staging";

describe("buildCreateStagingTableCommand", () => {
  const cases: Record<string, string> = {
    Staging: ".create-merge table Staging (Raw: dynamic)",
    "Defender Raw": ".create-merge table ['Defender Raw'] (Raw: dynamic)",
    "raw.events-1": ".create-merge table ['raw.events-1'] (Raw: dynamic)",
    table: ".create-merge table ['table'] (Raw: dynamic)",
  };
  for (const [stagingTable, expected] of Object.entries(cases)) {
    it(`writes ${expected}`, () => {
      expect(buildCreateStagingTableCommand({ stagingTable })).toBe(expected);
    });
  }

  for (const stagingTable of ["x; .drop table y", "x'] (a: int)\n.drop table y", "", "  "]) {
    it(`rejects the Staging name ${JSON.stringify(stagingTable)}`, () => {
      expect(() => buildCreateStagingTableCommand({ stagingTable })).toThrow(KqlNameError);
      expect(() => buildCreateStagingTableCommand({ stagingTable })).toThrow(/Staging table name/);
    });
  }
});

describe("buildStagingMappingCommand", () => {
  it("writes the seed's mapping in its idempotent form", () => {
    expect(buildStagingMappingCommand({ stagingTable: "Staging", mappingName: "StagingMapping" })).toBe(
      `.create-or-alter table Staging ingestion json mapping "StagingMapping" '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
    );
  });

  it("quotes other names", () => {
    expect(buildStagingMappingCommand({ stagingTable: "Raw Events", mappingName: "Raw Events.v2" })).toBe(
      `.create-or-alter table ['Raw Events'] ingestion json mapping "Raw Events.v2" '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
    );
  });

  it("rejects a mapping name that could end the literal", () => {
    expect(() => buildStagingMappingCommand({ stagingTable: "Staging", mappingName: 'M" ; .drop table y' })).toThrow(
      /Invalid ingestion mapping name/,
    );
  });
});
