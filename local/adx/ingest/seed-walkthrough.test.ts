/**
 * The seed article, command by command, against the engine over HTTP with the official client; then a mixed
 * Event Hub message through the queued intake lands routed and typed, and Staging keeps nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "../testing/harness";
import { SEED_SEQUENCE } from "../testing/seed-commands";
import { intake, message, queryRows, record, scalar, streamSink } from "./testing";

const ALERT = {
  AlertId: "da637f1e2b3c4d5e6f",
  Timestamp: "2026-01-05T09:59:58.1234567Z",
  DeviceId: "4a1f0c6e9b2d",
  DeviceName: "ws-0042.contoso.local",
  Severity: "High",
  Category: "Malware",
  Title: "Suspicious PowerShell command line",
  FileName: "powershell.exe",
  SHA1: "a".repeat(40),
  RemoteUrl: "",
  RemoteIp: "10.1.2.3",
  ReportId: 123456789012345678n,
  Table: "DeviceAlertEvents",
};

/** JSON text of a record whose ReportId is an exact 18-digit JSON number. */
function alertJson(alert: typeof ALERT): string {
  return JSON.stringify(record("DeviceAlertEvents", { ...alert, ReportId: "@@ID@@" })).replace(
    '"@@ID@@"',
    alert.ReportId.toString(),
  );
}

describe("the seed walkthrough", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("runs every command of the article", async () => {
    for (const command of SEED_SEQUENCE) await mgmt(h.admin, command);
    const schema = await mgmt(h.admin, ".show table DeviceAlertEvents schema as json");
    const columns = JSON.parse(String(schema.rows[0]?.[1])).OrderedColumns.map(
      (c: { Name: string; CslType: string }) => `${c.Name}:${c.CslType}`,
    );
    expect(columns).toEqual([
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
    ]);
    // Staging was empty, so the backfill created the table with no rows.
    expect(await scalar(h.admin, "DeviceAlertEvents | count")).toBe(0);
  });

  it("routes a mixed Event Hub message into the typed table and keeps nothing in Staging", async () => {
    const sink = await streamSink(h);
    const other = record("DeviceProcessEvents", { Timestamp: "2026-01-05T10:00:00Z", DeviceId: "x", ReportId: 7 });
    const mixed = `{"records":[${alertJson(ALERT)},${JSON.stringify(other)},${alertJson({ ...ALERT, AlertId: "second", ReportId: 42n })}]}`;
    expect(await sink(mixed)).toBe("accepted");
    // Acknowledged but not visible yet: the 30 s batching window is still open.
    expect(await scalar(h.admin, "DeviceAlertEvents | count")).toBe(0);
    expect(intake(h).pending().Staging?.items).toBe(1);
    await intake(h).flush("Staging");

    const rows = await queryRows(
      h.admin,
      "DeviceAlertEvents | order by AlertId asc | project AlertId, Timestamp, DeviceName, RemoteIp, Severity, Table",
    );
    expect(rows).toEqual([
      [
        "da637f1e2b3c4d5e6f",
        "2026-01-05T09:59:58.1234567Z",
        "ws-0042.contoso.local",
        "10.1.2.3",
        "High",
        "DeviceAlertEvents",
      ],
      ["second", "2026-01-05T09:59:58.1234567Z", "ws-0042.contoso.local", "10.1.2.3", "High", "DeviceAlertEvents"],
    ]);
    // The 18-digit ReportId is stored exactly (the client's JSON.parse would round it, so compare in KQL).
    expect(await scalar(h.admin, "DeviceAlertEvents | where ReportId == 123456789012345678 | count")).toBe(1);
    expect(
      await scalar(h.admin, "DeviceAlertEvents | where AlertId == 'da637f1e2b3c4d5e6f' | project tostring(ReportId)"),
    ).toBe("123456789012345678");
    expect(await scalar(h.admin, "DeviceAlertEvents | project t = tostring(Timestamp) | take 1")).toBe(
      "2026-01-05T09:59:58.1234567Z",
    );
    expect(await scalar(h.admin, "Staging | count")).toBe(0);
  });

  it("reports extents, rows and creation times in .show table details", async () => {
    const staging = await mgmt(h.admin, ".show table Staging details");
    const target = await mgmt(h.admin, ".show table DeviceAlertEvents details");
    const col = (r: { columns: string[] }, name: string) => r.columns.findIndex((c) => c.startsWith(`${name}:`));
    const s = staging.rows[0]!;
    const t = target.rows[0]!;
    expect([
      s[col(staging, "TotalExtents")],
      s[col(staging, "TotalRowCount")],
      s[col(staging, "MinExtentsCreationTime")],
    ]).toEqual([0, 0, null]);
    expect([t[col(target, "TotalExtents")], t[col(target, "TotalRowCount")]]).toEqual([1, 2]);
    expect(String(t[col(target, "MinExtentsCreationTime")])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(Number(t[col(target, "TotalOriginalSize")])).toBeGreaterThan(0);
    // One extent, one ingestion time for every row of the batch.
    expect(await scalar(h.admin, "DeviceAlertEvents | summarize dcount(ingestion_time())")).toBe(1);
  });

  it("still runs the article's category query", async () => {
    await mgmt(h.admin, ".delete table Staging policy retention");
    await mgmt(
      h.admin,
      `.ingest inline into table Staging with (format='multijson', ingestionMappingReference='StagingMapping') <| ${message(record("EmailEvents", { a: 1 }), record("AlertInfo", {}))}`,
    );
    const rows = await queryRows(
      h.admin,
      `Staging
| mv-expand Raw.records
| project Properties=Raw_records.properties, Category=Raw_records.category
| summarize by tostring(Category)`,
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(["AdvancedHunting-AlertInfo", "AdvancedHunting-EmailEvents"]);
  });
});
