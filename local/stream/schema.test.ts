import { describe, expect, it } from "vitest";
import { defenderTables, type CatalogColumn, type CatalogTable } from "@/kql/catalog";
import { createEventGenerator } from "./generator";

const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const START = "2026-08-01T12:00:00Z";
const PER_TABLE = 80;

interface Rec {
  category: string;
  properties: Record<string, unknown>;
}

function recordsOf(table: CatalogTable, n = PER_TABLE, seed = 11): { records: Rec[]; texts: string[] } {
  const gen = createEventGenerator({ seed, tables: { [table.name]: 1 }, recordsPerMessage: 1, startTime: START });
  const texts = Array.from({ length: n }, () => gen.nextMessage());
  return { records: texts.map((t) => (JSON.parse(t) as { records: Rec[] }).records[0] as Rec), texts };
}

/** The Kusto conversion the seed's Filter functions apply (todatetime, tolong, ...) would accept the value. */
function typeProblem(column: CatalogColumn, value: unknown): string | null {
  if (value === null) return null;
  switch (column.type) {
    case "datetime":
      return typeof value === "string" && DATETIME.test(value) && !Number.isNaN(Date.parse(value)) ? null : "datetime";
    case "long":
      return typeof value === "number" && Number.isInteger(value) ? null : "long";
    case "int":
      return typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31
        ? null
        : "int";
    case "real":
    case "decimal":
      return typeof value === "number" ? null : "real";
    case "bool":
      return typeof value === "boolean" ? null : "bool";
    case "guid":
      return typeof value === "string" && GUID.test(value) ? null : "guid";
    case "timespan":
      return typeof value === "string" ? null : "timespan";
    case "dynamic":
      return value !== undefined ? null : "dynamic";
    case "string":
      if (typeof value !== "string") return "string";
      if (column.encoding === "json-text") {
        try {
          JSON.parse(value);
        } catch {
          return "json-text";
        }
      }
      return null;
  }
}

describe.each(defenderTables.map((t) => [t.name, t] as const))("%s records", (_name, table) => {
  const { records, texts } = recordsOf(table);
  const byKey = new Map(table.columns.map((c) => [c.payloadKey, c]));

  it("carry the table's category and only its streamed payload keys", () => {
    for (const record of records) {
      expect(record.category).toBe(`AdvancedHunting-${table.name}`);
      for (const key of Object.keys(record.properties)) {
        const column = byKey.get(key);
        expect(column, `unknown key ${key}`).toBeDefined();
        expect(column?.streamed, `${key} is not streamed`).toBe(true);
      }
    }
  });

  it("give every value the JSON type its Kusto type allows", () => {
    const problems: string[] = [];
    for (const record of records) {
      for (const [key, value] of Object.entries(record.properties)) {
        const column = byKey.get(key);
        const problem = column ? typeProblem(column, value) : "unknown";
        if (problem) problems.push(`${key}=${JSON.stringify(value)} (${problem})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("fill the core columns: Timestamp always, ActionType from the table's list", () => {
    for (const record of records) {
      expect(record.properties.Timestamp).toMatch(DATETIME);
      if (byKey.has("ActionType")) expect(typeof record.properties.ActionType).toBe("string");
    }
  });

  it("emit every commonly present column key in some record", () => {
    const seen = new Set(records.flatMap((r) => Object.keys(r.properties)));
    const rare =
      /^(Title|SourceLocation|ThreatTypes|TenantMembershipType|RiskStatus|Site|DiscoverySources|DeviceRoles|DlpInfo|DeviceObjectId|OnboardingStatus|NetworkAdapterDnsSuffix|Cloud(Platform|ResourceType|ResourceId|SubscriptionId))$/;
    const missing = table.columns
      .filter((c) => c.streamed && !seen.has(c.payloadKey) && !rare.test(c.name))
      .map((c) => c.name);
    expect(missing).toEqual([]);
  });

  it("write long values as integer literals (exact text for 18-digit ids)", () => {
    const longKeys = table.columns.filter((c) => c.type === "long").map((c) => c.payloadKey);
    for (const text of texts) {
      for (const key of longKeys) {
        const match = new RegExp(`"${key}":(-?[0-9.eE+]+|null|"[^"]*")`).exec(text);
        if (!match) continue;
        expect(match[1], `${key} in ${table.name}`).toMatch(/^(-?\d+|null)$/);
      }
    }
  });
});

describe("payload quirks", () => {
  const records = (name: string, n = PER_TABLE) =>
    recordsOf(defenderTables.find((t) => t.name === name) as CatalogTable, n);

  it("uses the ISP payload key, not the documented Isp", () => {
    for (const name of ["CloudAppEvents", "IdentityLogonEvents"]) {
      const { records: rs } = records(name);
      expect(rs.some((r) => "ISP" in r.properties)).toBe(true);
      expect(rs.every((r) => !("Isp" in r.properties))).toBe(true);
    }
  });

  it("writes ReportId as a number in Device tables and a string elsewhere", () => {
    for (const table of defenderTables) {
      if (!table.columns.some((c) => c.name === "ReportId")) continue;
      const values = records(table.name, 20)
        .records.map((r) => r.properties.ReportId)
        .filter((v) => v !== undefined && v !== null);
      expect(values.length, table.name).toBeGreaterThan(0);
      const expected = table.family === "Device" ? "number" : "string";
      expect(
        values.every((v) => typeof v === expected),
        table.name,
      ).toBe(true);
    }
  });

  it("writes 18-digit ReportIds of DeviceInfo/DeviceNetworkInfo as exact integer text", () => {
    for (const name of ["DeviceInfo", "DeviceNetworkInfo"]) {
      const { texts } = records(name, 20);
      for (const text of texts) {
        const digits = /"ReportId":(\d+)[,}]/.exec(text)?.[1];
        expect(digits, name).toMatch(/^\d{18}$/);
        expect(BigInt(digits ?? "0") > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      }
      // Distinct exact values even where float64 would collapse them.
      const ids = texts.map((t) => /"ReportId":(\d+)/.exec(t)?.[1]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("omits some null-valued keys, as 2026 payloads do, and writes null in others", () => {
    const { records: rs } = records("DeviceEvents");
    const streamedKeys =
      defenderTables.find((t) => t.name === "DeviceEvents")?.columns.filter((c) => c.streamed).length ?? 0;
    expect(rs.some((r) => Object.keys(r.properties).length < streamedKeys)).toBe(true);
    expect(rs.some((r) => Object.values(r.properties).includes(null))).toBe(true);
  });

  it("never emits columns the Streaming API does not deliver", () => {
    const { records: rs } = records("EmailEvents");
    expect(
      rs.every((r) => !("LatestDeliveryLocation" in r.properties) && !("LatestDeliveryAction" in r.properties)),
    ).toBe(true);
  });

  it("writes EmailEvents timestamps without fractional seconds and device timestamps with up to 7 digits", () => {
    expect(records("EmailEvents").records.every((r) => /:\d\dZ$/.test(String(r.properties.Timestamp)))).toBe(true);
    const device = records("DeviceProcessEvents").records.map((r) => String(r.properties.Timestamp));
    expect(device.some((t) => /\.\d{7}Z$/.test(t))).toBe(true);
  });

  it("uses Defender-shaped identifiers", () => {
    for (const r of records("DeviceProcessEvents").records) {
      expect(r.properties.DeviceId).toMatch(/^[0-9a-f]{40}$/);
      expect(r.properties.SHA1).toMatch(/^[0-9a-f]{40}$/);
      expect(r.properties.MD5).toMatch(/^[0-9a-f]{32}$/);
      if (r.properties.SHA256 != null) expect(r.properties.SHA256).toMatch(/^[0-9a-f]{64}$/);
      expect(String(r.properties.FolderPath).endsWith(String(r.properties.FileName))).toBe(true);
    }
    for (const r of records("AlertInfo").records) expect(r.properties.AlertId).toMatch(/^(da\d{18}_-?\d+|fa|aa|ca)/);
    for (const r of records("EmailEvents").records) {
      expect(r.properties.NetworkMessageId).toMatch(GUID);
      expect(r.properties.RecipientEmailAddress).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    }
  });

  it("keeps json-text columns as strings and dynamic columns as native JSON", () => {
    const ce = records("CloudAppEvents").records;
    expect(
      ce.every((r) => r.properties.ActivityObjects === undefined || Array.isArray(r.properties.ActivityObjects)),
    ).toBe(true);
    expect(ce.some((r) => typeof r.properties.RawEventData === "object" && r.properties.RawEventData !== null)).toBe(
      true,
    );
    const de = records("DeviceNetworkInfo").records;
    expect(
      de.every(
        (r) =>
          typeof r.properties.IPAddresses === "string" && Array.isArray(JSON.parse(r.properties.IPAddresses as string)),
      ),
    ).toBe(true);
  });

  it("uses the Teams payload keys (ThreadSubType, MessageType, Subject)", () => {
    const keys = new Set(records("MessageEvents").records.flatMap((r) => Object.keys(r.properties)));
    expect(
      keys.has("ThreadSubType") && keys.has("MessageType") && keys.has("MessageSubtype") && keys.has("Subject"),
    ).toBe(true);
    expect(keys.has("ThreadSubtype") || keys.has("MessageFormatType")).toBe(false);
  });

  it("draws ActionType values that occur in the table", () => {
    const actions = new Set(records("DeviceFileEvents").records.map((r) => r.properties.ActionType));
    expect(
      [...actions].every((a) => ["FileCreated", "FileModified", "FileRenamed", "FileDeleted"].includes(String(a))),
    ).toBe(true);
    expect(actions.size).toBeGreaterThan(2);
  });
});
