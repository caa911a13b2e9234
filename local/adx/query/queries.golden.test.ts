/**
 * Golden dataset: KQL text → expected columns and rows, run through the real analyzer, compiler and DuckDB over the
 * seed's Staging table holding a mixed Event Hub message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, type Harness } from "./__fixtures__/harness";
import { FILTER_DEVICE_ALERT_EVENTS, MIXED_MESSAGE, STAGING } from "./__fixtures__/seed";

interface Golden {
  kql: string;
  columns: string[];
  rows: unknown[][];
  /** Compare as a set (queries without a defined order). */
  unordered?: boolean;
}

const CASES: Record<string, Golden> = {
  "seed category query": {
    kql: "Staging\n| mv-expand Raw.records\n| project Properties=Raw_records.properties, Category=Raw_records.category\n| summarize by tostring(Category)",
    columns: ["Category:string"],
    rows: [
      ["AdvancedHunting-DeviceAlertEvents"],
      ["AdvancedHunting-DeviceProcessEvents"],
      ["AdvancedHunting-EmailEvents"],
      [""],
    ],
    unordered: true,
  },
  "seed FilterDeviceAlertEvents over a mixed message": {
    kql: "FilterDeviceAlertEvents() | order by AlertId asc",
    columns: [
      "AlertId:string",
      "Timestamp:datetime",
      "DeviceId:string",
      "DeviceName:string",
      "Severity:string",
      "Category:string",
      "Title:string",
      "FileName:string",
      "SHA1:string",
      "RemoteUrl:string",
      "RemoteIp:string",
      "ReportId:long",
      "Table:string",
    ],
    rows: [
      [
        "da637",
        "2024-06-01T09:59:59.1234567Z",
        "dev-1",
        "pc-1.contoso.com",
        "High",
        "Malware",
        "Suspicious file",
        "evil.exe",
        "3395856ce81f2b7382dee72602f798b642f14140",
        "",
        "10.1.2.3",
        123456789012345678,
        "DeviceAlertEvents",
      ],
      [
        "da638",
        "2024-06-01T06:00:00.0000000Z",
        "dev-3",
        "pc-3",
        "Low",
        "Execution",
        "Odd script",
        "run.ps1",
        "",
        "http://x.example",
        "",
        42,
        "DeviceAlertEvents",
      ],
    ],
  },
  "18-digit ReportId converts exactly": {
    kql: "FilterDeviceAlertEvents() | where ReportId == 123456789012345678 | project R = tostring(ReportId), Next = tostring(ReportId + 1)",
    columns: ["R:string", "Next:string"],
    rows: [["123456789012345678", "123456789012345679"]],
  },
  "records per category with counts": {
    kql: "Staging | mv-expand r = Raw.records | summarize n = count() by c = tostring(r.category) | where isnotempty(c) | order by n desc, c asc",
    columns: ["c:string", "n:long"],
    rows: [
      ["AdvancedHunting-DeviceAlertEvents", 2],
      ["AdvancedHunting-DeviceProcessEvents", 1],
      ["AdvancedHunting-EmailEvents", 1],
    ],
  },
  "rows per hour of ingestion (console metric)": {
    kql: "Staging | summarize Rows = count() by Bin = bin(ingestion_time(), 5m)",
    columns: ["Bin:datetime", "Rows:long"],
    rows: [["2024-06-01T11:00:00.0000000Z", 3]],
  },
  "count operator": { kql: "Staging | count", columns: ["Count:long"], rows: [[3]] },
  "measured conversion edge cases": {
    kql: 'print a = tolong("5.7"), b = tolong(" 7 "), c = tolong(dynamic(5.7)), d = tostring(dynamic("x")), e = tostring(dynamic(null)), f = toint("9999999999"), g = tolong("1e3"), h = tolong("0x10"), i = tolong(dynamic(true)), j = tolong(dynamic("5.7")), k = todouble("5.7"), l = tostring(1d), m = tostring(-2h), n = tolong(1d)',
    columns: [
      "a:long",
      "b:long",
      "c:long",
      "d:string",
      "e:string",
      "f:int",
      "g:long",
      "h:long",
      "i:long",
      "j:long",
      "k:real",
      "l:string",
      "m:string",
      "n:long",
    ],
    rows: [[null, 7, 5, "x", "", null, null, 16, 1, null, 5.7, "1.00:00:00", "-02:00:00", 864000000000]],
  },
  "parse_json, dynamic access and bag functions": {
    kql: "print d = parse_json('{\"a\":{\"b\":[10,20,30]},\"k\":\"v\"}') | project f0 = d.a.b[0], lst = d['a']['b'][-1], n = array_length(d.a.b), keys = bag_keys(d), absent = d.nope, notjson = parse_json('abc')",
    columns: ["f0:dynamic", "lst:dynamic", "n:long", "keys:dynamic", "absent:dynamic", "notjson:dynamic"],
    rows: [[10, 30, 3, ["a", "k"], null, "abc"]],
  },
  "datetimes keep 7 digits; offsets are honoured": {
    kql: "print a = todatetime('2024-05-01T12:34:56.1234567Z'), b = todatetime('2024-05-01T12:34:56.1234567+02:00'), c = todatetime('nope'), d = datetime(2024-01-01) + 90m",
    columns: ["a:datetime", "b:datetime", "c:datetime", "d:datetime"],
    rows: [["2024-05-01T12:34:56.1234567Z", "2024-05-01T10:34:56.1234567Z", null, "2024-01-01T01:30:00.0000000Z"]],
  },
  "union withsource over a table and a let": {
    kql: "let Alerts = FilterDeviceAlertEvents() | project AlertId; union withsource=Source Alerts, (Staging | take 1 | project AlertId = 'staging') | order by AlertId asc",
    columns: ["Source:string", "AlertId:string"],
    rows: [
      ["Alerts", "da637"],
      ["Alerts", "da638"],
      ["union_arg1", "staging"],
    ],
  },
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness([STAGING], [FILTER_DEVICE_ALERT_EVENTS]);
});
afterAll(() => h.close());

describe("golden dataset", () => {
  it("is a valid dataset (the mixed message parses; every case has rows shaped like its columns)", () => {
    expect(JSON.parse(MIXED_MESSAGE).records).toHaveLength(4);
    for (const [name, c] of Object.entries(CASES)) {
      for (const row of c.rows) expect(row, name).toHaveLength(c.columns.length);
    }
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const r = await h.run(c.kql);
      expect(r.columns.map((x) => `${x.name}:${x.type}`)).toEqual(c.columns);
      if (c.unordered) {
        const key = (row: unknown[]) => JSON.stringify(row);
        expect(r.rows.map(key).sort()).toEqual(c.rows.map(key).sort());
      } else expect(r.rows).toEqual(c.rows);
    });
  }
});
