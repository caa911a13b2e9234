/**
 * The full generated setup (Staging, mapping, 0 retention, batching, a function + table + transactional update
 * policy per catalog table) fed with simulator messages through the queued intake: every record lands in its
 * table, and the payload quirks of defender-tables.json survive (ISP key, exact 18-digit ReportId, JSON-text
 * columns, absent keys).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSetupScript } from "@/kql/generate/script";
import { defenderTables } from "@/kql/catalog";
import { generateMessages } from "@/local/stream";
import { type Harness, mgmt, startHarness } from "../testing/harness";
import { BigJsonNumber, parseJsonRecord } from "./json-text";
import { intake, queryRows, scalar, streamSink } from "./testing";

type Rec = { category: string; properties: Record<string, unknown> };

describe("Defender payload quirks through the full setup", () => {
  let h: Harness;
  const records: Rec[] = [];
  beforeAll(async () => {
    h = await startHarness();
    for (const command of buildSetupScript()) await mgmt(h.admin, command.text);
    const sink = await streamSink(h);
    const texts = [
      ...generateMessages({
        count: 3000,
        seed: "quirks",
        startTime: "2026-01-05T10:00:00Z",
        tables: Object.fromEntries(defenderTables.map((t) => [t.name, 1])),
      }),
    ];
    for (const text of texts) {
      expect(await sink(text)).toBe("accepted");
      const doc = parseJsonRecord({ text, start: 0 }) as { records: Rec[] };
      records.push(...doc.records);
    }
    await intake(h).flush("Staging");
  }, 120_000);
  afterAll(async () => h?.close());

  const byTable = (name: string) => records.filter((r) => r.category === `AdvancedHunting-${name}`);

  it("routes every record into its typed table and keeps nothing in Staging", async () => {
    expect(records).toHaveLength(3000);
    for (const t of defenderTables) {
      const expected = byTable(t.name).length;
      expect({ table: t.name, rows: await scalar(h.admin, `${t.name} | count`) }).toEqual({
        table: t.name,
        rows: expected,
      });
    }
    expect(await scalar(h.admin, "Staging | count")).toBe(0);
  }, 60_000);

  it("maps the ISP payload key to the Isp column", async () => {
    const withIsp = byTable("CloudAppEvents").filter(
      (r) => typeof r.properties.ISP === "string" && r.properties.ISP !== "",
    );
    expect(withIsp.length).toBeGreaterThan(0);
    expect(await scalar(h.admin, "CloudAppEvents | where isnotempty(Isp) | count")).toBe(withIsp.length);
  });

  it("keeps 18-digit ReportIds exact", async () => {
    const big = records.find((r) => r.properties.ReportId instanceof BigJsonNumber);
    expect(big).toBeDefined();
    const id = (big!.properties.ReportId as BigJsonNumber).text;
    const table = big!.category.replace("AdvancedHunting-", "");
    expect(await scalar(h.admin, `${table} | where ReportId == ${id} | count`)).toBeGreaterThanOrEqual(1);
    expect(await queryRows(h.admin, `${table} | where ReportId == ${id} | project tostring(ReportId)`)).toContainEqual([
      id,
    ]);
  });

  it("keeps JSON-text columns as the text that was sent", async () => {
    const sent = byTable("DeviceProcessEvents")
      .map((r) => r.properties.AdditionalFields)
      .filter((v): v is string => typeof v === "string" && v !== "");
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]!.startsWith("{")).toBe(true);
    const stored = (
      await queryRows(h.admin, "DeviceProcessEvents | where isnotempty(AdditionalFields) | project AdditionalFields")
    ).map((r) => r[0]);
    expect(stored.sort()).toEqual([...sent].sort());
  });

  it("leaves columns of absent keys empty (strings) or null (other types)", async () => {
    const table = defenderTables.find((t) =>
      byTable(t.name).some((r) => t.columns.some((c) => !(c.name in r.properties) && c.type !== "string")),
    );
    expect(table).toBeDefined();
    const t = table!;
    const column = t.columns.find(
      (c) => c.type !== "string" && byTable(t.name).some((r) => !(c.name in r.properties)),
    )!;
    const absent = byTable(t.name).filter(
      (r) => !(column.name in r.properties) || r.properties[column.name] === null,
    ).length;
    expect(await scalar(h.admin, `${t.name} | where isnull(${column.name}) | count`)).toBe(absent);
  });
});
