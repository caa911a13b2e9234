import { describe, expect, it } from "vitest";
import { defenderTables, tableNames } from "@/kql/catalog";
import {
  buildGlobals,
  diagnosticsOf,
  parseAndAnalyze,
  resultColumns,
  type DatabaseSchema,
} from "@/local/adx/kusto/language";
import { buildFreshnessQuery, buildLagQuery, buildRowsQuery } from "./queries";
import { healthTablesFrom } from "./tables";

/** Oracle: the health queries over EVERY catalog table analyse cleanly in Microsoft's parser, with the documented columns. */
const schema: DatabaseSchema = {
  name: "Defender",
  tables: defenderTables.map((t) => ({
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
  })),
  functions: [],
};
const globals = buildGlobals(schema);
const all = healthTablesFrom(
  Object.fromEntries(defenderTables.map((t) => [t.name, t.columns.map((c) => ({ name: c.name, type: c.type }))])),
).names;

describe("health queries", () => {
  it("cover every catalog table (all have a datetime Timestamp)", () => {
    expect(all).toEqual([...tableNames]);
  });

  for (const [name, build, columns] of [
    ["rows", buildRowsQuery, ["TableName:string", "BinStart:datetime", "Rows:long"]],
    ["freshness", buildFreshnessQuery, ["TableName:string", "LastEventTime:datetime", "LastIngestionTime:datetime"]],
    ["lag", buildLagQuery, ["TableName:string", "Rows:long", "MedianSeconds:real", "P95Seconds:real"]],
  ] as const) {
    it(`${name}: analyses with zero diagnostics and returns ${columns.join(", ")}`, () => {
      const code = parseAndAnalyze(build(all), globals);
      expect(diagnosticsOf(code)).toEqual([]);
      expect(resultColumns(code).map((c) => `${c.name}:${c.type}`)).toEqual(columns);
    });
  }

  it("declare their varying values as query parameters, never as literals", () => {
    const text = buildRowsQuery(["AlertInfo"]);
    expect(text).toMatch(/^declare query_parameters\(windowStart:datetime, windowEnd:datetime, binMinutes:long\);/);
    expect(text).not.toMatch(/datetime\(\d|ago\(/);
  });

  it("refuse a name that is not a catalog table, and an empty list", () => {
    expect(() => buildRowsQuery(["AlertInfo; .drop table X"])).toThrow(/Not a catalog table/);
    expect(() => buildLagQuery(["alertinfo"])).toThrow(/Not a catalog table/);
    expect(() => buildFreshnessQuery([])).toThrow(/at least one table/);
  });
});

describe("healthTablesFrom", () => {
  it("keeps existing catalog tables with a datetime Timestamp, in catalog order, and says why others are left out", () => {
    const result = healthTablesFrom({
      DeviceEvents: [{ name: "Timestamp", type: "System.DateTime" }],
      AlertInfo: [{ name: "Timestamp", type: "datetime" }],
      EmailEvents: [{ name: "Timestamp", type: "string" }],
      Staging: [{ name: "Raw", type: "dynamic" }],
      MyOwnTable: [{ name: "Timestamp", type: "datetime" }],
    });
    expect(result.names).toEqual(
      ["AlertInfo", "DeviceEvents"].sort((a, b) => tableNames.indexOf(a) - tableNames.indexOf(b)),
    );
    expect(result.warnings).toEqual([expect.stringMatching(/^EmailEvents is left out/)]);
  });
});
