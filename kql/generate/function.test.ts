import { describe, expect, it } from "vitest";

import { getTable, type CatalogTable, type KustoType } from "@/kql/catalog";
import { col, defineTable, extra } from "@/kql/catalog/define";
import { KqlNameError } from "@/kql/quote";
import { buildGlobals, diagnosticsOf, parseAndAnalyze, resultColumns } from "@/local/adx/kusto/language";

import {
  buildColumnExpression,
  buildCreateOrAlterFilterFunctionCommand,
  buildFilterFunctionBody,
  buildFilterFunctionDefinition,
} from "./function";

const conversions: Record<KustoType, string> = {
  string: "tostring(Properties.C)",
  long: "tolong(Properties.C)",
  int: "toint(Properties.C)",
  real: "toreal(Properties.C)",
  bool: "tobool(Properties.C)",
  datetime: "todatetime(Properties.C)",
  timespan: "totimespan(Properties.C)",
  guid: "toguid(Properties.C)",
  decimal: "todecimal(Properties.C)",
  dynamic: "todynamic(tostring(Properties.C))",
};

// Every type, a payload key that differs, one that needs brackets, and a column name that is a keyword.
const sample: CatalogTable = defineTable(
  { name: "SampleEvents", family: "Preview", preview: true, docsUrl: "https://learn.microsoft.com/x", notes: [] },
  [
    ...Object.keys(conversions).map((type) => col(`C_${type}`, type as KustoType, type)),
    col("Isp", "string", "renamed key", { payloadKey: "ISP" }),
    col("Odd", "string", "key with a dash", { payloadKey: "odd-key's" }),
    extra("project", "long", "keyword column"),
  ],
);

describe("buildColumnExpression", () => {
  for (const [type, expected] of Object.entries(conversions)) {
    it(`converts ${type} with ${expected}`, () => {
      expect(buildColumnExpression(col("X", type as KustoType, "", { payloadKey: "C" }))).toBe(expected);
    });
  }

  it("uses bracket access for payload keys that are not plain identifiers", () => {
    expect(buildColumnExpression(col("X", "string", "", { payloadKey: "a-b" }))).toBe("tostring(Properties['a-b'])");
    expect(buildColumnExpression(col("X", "dynamic", "", { payloadKey: "where" }))).toBe(
      "todynamic(tostring(Properties['where']))",
    );
  });
});

describe("buildFilterFunctionBody", () => {
  it("has the seed's shape, one line per column", () => {
    const body = buildFilterFunctionBody(getTable("AlertInfo"), { stagingTable: "Staging" });
    expect(body).toBe(
      [
        "Staging",
        "| mv-expand Raw.records",
        "| project Properties=Raw_records.properties, Category=Raw_records.category",
        '| where Category == "AdvancedHunting-AlertInfo"',
        "| project Timestamp=todatetime(Properties.Timestamp),",
        "          AlertId=tostring(Properties.AlertId),",
        "          Title=tostring(Properties.Title),",
        "          Category=tostring(Properties.Category),",
        "          Severity=tostring(Properties.Severity),",
        "          ServiceSource=tostring(Properties.ServiceSource),",
        "          DetectionSource=tostring(Properties.DetectionSource),",
        "          AttackTechniques=tostring(Properties.AttackTechniques),",
        "          MachineGroup=tostring(Properties.MachineGroup)",
      ].join("\n"),
    );
  });

  it("quotes the keyword column and odd payload keys, and types every column as the catalog says", () => {
    const body = buildFilterFunctionBody(sample, { stagingTable: "Raw Stage" });
    expect(body.split("\n")[0]).toBe("['Raw Stage']");
    expect(body).toContain("Isp=tostring(Properties.ISP)");
    expect(body).toContain("Odd=tostring(Properties['odd-key\\'s'])");
    expect(body).toContain("['project']=tolong(Properties['project'])");

    const globals = buildGlobals({
      name: "db",
      tables: [{ name: "Raw Stage", columns: [{ name: "Raw", type: "dynamic" }] }],
      functions: [],
    });
    const code = parseAndAnalyze(body, globals);
    expect(diagnosticsOf(code)).toEqual([]);
    expect(resultColumns(code)).toEqual(sample.columns.map((c) => ({ name: c.name, type: c.type })));
  });

  it("rejects a Staging name with a command separator", () => {
    expect(() => buildFilterFunctionBody(sample, { stagingTable: "x; .drop table y" })).toThrow(KqlNameError);
  });
});

describe("buildCreateOrAlterFilterFunctionCommand", () => {
  it("wraps the body in .create-or-alter function with docstring and folder", () => {
    const table = getTable("AlertInfo");
    const text = buildCreateOrAlterFilterFunctionCommand(table, { stagingTable: "Staging" });
    const body = buildFilterFunctionBody(table, { stagingTable: "Staging" });
    expect(text).toBe(
      '.create-or-alter function with (docstring = "Filters AdvancedHunting-AlertInfo records from the Staging table ' +
        'for the AlertInfo update policy", folder = "UpdatePolicies") FilterAlertInfo()\n{\n' +
        body +
        "\n}",
    );
  });

  it("describes the function as .show functions reports it", () => {
    const fn = buildFilterFunctionDefinition(getTable("DeviceInfo"), { stagingTable: "Staging" });
    expect(fn).toMatchObject({ name: "FilterDeviceInfo", parameters: "()", folder: "UpdatePolicies" });
    expect(fn.body.startsWith("{\nStaging\n| mv-expand Raw.records\n")).toBe(true);
    expect(fn.body.endsWith("\n}")).toBe(true);
    expect(fn.docString).toContain("AdvancedHunting-DeviceInfo");
  });
});
