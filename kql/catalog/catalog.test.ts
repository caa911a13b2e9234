import { describe, expect, it } from "vitest";

import { isPlainIdentifier } from "@/kql/quote";

import {
  DEFAULT_STAGING_MAPPING,
  DEFAULT_STAGING_TABLE,
  defenderTables,
  FUNCTION_FOLDER,
  filterFunctionName,
  findTable,
  getTable,
  TABLE_FAMILIES,
  tableNames,
  tablesByFamily,
  UnknownTableError,
} from "./index";

const KUSTO_TYPES = ["string", "long", "int", "real", "bool", "datetime", "timespan", "guid", "dynamic", "decimal"];

describe("catalog", () => {
  it("holds 26 tables, 21 GA and 5 preview, with unique names", () => {
    expect(defenderTables).toHaveLength(26);
    expect(defenderTables.filter((t) => !t.preview)).toHaveLength(21);
    expect(defenderTables.filter((t) => t.preview)).toHaveLength(5);
    expect(new Set(tableNames).size).toBe(26);
  });

  it("orders tables by family, then by name", () => {
    const keys = defenderTables.map((t) => `${TABLE_FAMILIES.indexOf(t.family)}:${t.name}`);
    expect(keys).toEqual([...keys].sort());
    expect(tableNames.slice(0, 2)).toEqual(["DeviceEvents", "DeviceFileCertificateInfo"]);
  });

  it("assigns families as documented", () => {
    const families = Object.fromEntries(defenderTables.map((t) => [t.name, t.family]));
    expect(families).toMatchObject({
      DeviceProcessEvents: "Device",
      AlertInfo: "Alerts",
      AlertEvidence: "Alerts",
      EmailEvents: "Email",
      UrlClickEvents: "Email",
      IdentityLogonEvents: "Identity",
      CloudAppEvents: "CloudApps",
      IdentityInfo: "Preview",
      BehaviorInfo: "Preview",
    });
    for (const t of defenderTables) expect(t.family === "Preview").toBe(t.preview);
  });

  for (const table of defenderTables) {
    describe(table.name, () => {
      it("has a category, a docs URL and plain-identifier columns with unique names and valid types", () => {
        expect(table.category).toBe(`AdvancedHunting-${table.name}`);
        expect(table.docsUrl).toMatch(/^https:\/\/learn\.microsoft\.com\//);
        expect(isPlainIdentifier(table.name)).toBe(true);
        expect(table.columns.length).toBeGreaterThan(0);
        expect(new Set(table.columns.map((c) => c.name)).size).toBe(table.columns.length);
        for (const c of table.columns) {
          expect(KUSTO_TYPES).toContain(c.type);
          expect(c.description.length).toBeGreaterThan(0);
          expect(c.payloadKey.length).toBeGreaterThan(0);
        }
      });

      it("lists documented columns before the stream extras", () => {
        const origins = table.columns.map((c) => c.origin);
        const firstExtra = origins.indexOf("stream-extra");
        if (firstExtra >= 0) expect(origins.slice(firstExtra).every((o) => o === "stream-extra")).toBe(true);
      });
    });
  }

  it("records the payload quirks", () => {
    const col = (t: string, c: string) => getTable(t).columns.find((x) => x.name === c);
    expect(col("CloudAppEvents", "Isp")?.payloadKey).toBe("ISP");
    expect(col("IdentityLogonEvents", "Isp")?.payloadKey).toBe("ISP");
    expect(col("MessageEvents", "MessageSubject")?.payloadKey).toBe("Subject");
    expect(col("DeviceProcessEvents", "AdditionalFields")).toMatchObject({ type: "string", encoding: "json-text" });
    expect(col("EmailEvents", "LatestDeliveryLocation")?.streamed).toBe(false);
    expect(col("EmailEvents", "To")).toMatchObject({ type: "dynamic", origin: "stream-extra" });
    expect(col("DeviceProcessEvents", "MachineGroup")?.origin).toBe("stream-extra");
    expect(col("DeviceInfo", "MachineGroup")?.origin).toBe("documented");
    expect(col("DeviceProcessEvents", "LogonID")).toBeUndefined();
    expect(col("DeviceProcessEvents", "LogonId")).toBeDefined();
    expect(col("UrlClickEvents", "TimeGenerated")).toBeUndefined();
    expect(col("IdentityInfo", "UserAccountControl")?.type).toBe("dynamic");
    expect(col("MessageEvents", "LastEditedTime")?.type).toBe("datetime");
  });

  it("is frozen", () => {
    const t = getTable("AlertInfo");
    expect(Object.isFrozen(defenderTables)).toBe(true);
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.columns)).toBe(true);
    expect(Object.isFrozen(t.columns[0])).toBe(true);
  });
});

describe("accessors", () => {
  it("finds tables by exact name", () => {
    expect(findTable("DeviceInfo")?.name).toBe("DeviceInfo");
    expect(findTable("deviceinfo")).toBeUndefined();
    expect(findTable("Nope")).toBeUndefined();
  });

  it("getTable throws an UnknownTableError listing the valid names", () => {
    expect(() => getTable("Nope")).toThrow(UnknownTableError);
    try {
      getTable("Nope");
    } catch (e) {
      const err = e as UnknownTableError;
      expect(err.tableName).toBe("Nope");
      expect(err.validNames).toEqual(tableNames);
      expect(err.message).toContain('"Nope"');
      for (const name of tableNames) expect(err.message).toContain(name);
    }
  });

  it("groups tables by family in family order", () => {
    const groups = tablesByFamily();
    expect([...groups.keys()]).toEqual(TABLE_FAMILIES);
    expect(groups.get("Alerts")?.map((t) => t.name)).toEqual(["AlertEvidence", "AlertInfo"]);
    expect(groups.get("CloudApps")?.map((t) => t.name)).toEqual(["CloudAppEvents"]);
    expect([...groups.values()].flat().map((t) => t.name)).toEqual(tableNames);
  });

  it("exposes the setup constants", () => {
    expect(DEFAULT_STAGING_TABLE).toBe("Staging");
    expect(DEFAULT_STAGING_MAPPING).toBe("StagingMapping");
    expect(FUNCTION_FOLDER).toBe("UpdatePolicies");
    expect(filterFunctionName("DeviceInfo")).toBe("FilterDeviceInfo");
  });
});
