import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTable } from "@/kql/catalog";
import { buildCreateMergeTableCommand } from "@/kql/generate/table";
import { readFailures, readFreshness, readLag, readRows } from "./read";
import { startConsoleEngine, type ConsoleEngine } from "./testing/console-engine";

/** The health reads against the real local engine, as the signed-in viewer (On-Behalf-Of). */
let fx: ConsoleEngine;
const DB = "Defender";

function jsonLines(rows: readonly Record<string, unknown>[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n");
}

beforeAll(async () => {
  fx = await startConsoleEngine();
}, 90_000);
afterAll(() => fx?.stop());

describe("an empty database", () => {
  it("has no tables, a dense series of empty bins, and no freshness/lag rows", async () => {
    const target = { executor: fx.viewer, database: DB };
    const rows = await readRows(target, "1h");
    expect(rows.tables).toEqual([]);
    expect(rows.series.length).toBeGreaterThanOrEqual(60);
    expect(rows.totals).toEqual([]);
    expect((await readFreshness(target)).tables).toEqual([]);
    expect((await readLag(target, "24h")).tables).toEqual([]);
  });
});

describe("with two catalog tables holding rows", () => {
  let ingestedAt: number;
  beforeAll(async () => {
    for (const name of ["AlertInfo", "DeviceEvents"])
      await fx.admin.executeCommand(DB, buildCreateMergeTableCommand(getTable(name)));
    const now = Date.now();
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    await fx.admin.executeCommand(
      DB,
      `.ingest inline into table AlertInfo with (format="json") <|\n${jsonLines([
        { Timestamp: ago(10), AlertId: "a1" },
        { Timestamp: ago(70), AlertId: "a2" },
        { Timestamp: ago(200), AlertId: "a3" },
      ])}`,
    );
    await fx.admin.executeCommand(
      DB,
      `.ingest inline into table DeviceEvents with (format="json") <|\n${jsonLines([{ Timestamp: ago(5) }])}`,
    );
    ingestedAt = Date.now();
  });

  it("rows: per-table totals and a series that sums to them, in 1-minute bins for 1h", async () => {
    const rows = await readRows({ executor: fx.viewer, database: DB }, "1h");
    expect(rows.binMinutes).toBe(1);
    // Catalog order: the Device family comes first.
    expect(rows.tables).toEqual(["DeviceEvents", "AlertInfo"]);
    expect(rows.totals).toEqual([
      { table: "DeviceEvents", rows: 1 },
      { table: "AlertInfo", rows: 3 },
    ]);
    const sum = rows.series.reduce((n, p) => n + (p.counts.AlertInfo ?? 0), 0);
    expect(sum).toBe(3);
    // The rows just ingested are in the newest bins (two, in case a minute ended in between).
    const recent = rows.series
      .slice(-2)
      .reduce((n, p) => n + (p.counts.AlertInfo ?? 0) + (p.counts.DeviceEvents ?? 0), 0);
    expect(recent).toBe(4);
    const day = await readRows({ executor: fx.viewer, database: DB }, "24h");
    expect(day.binMinutes).toBe(15);
    expect(day.series.length).toBeGreaterThanOrEqual(96);
    expect(day.totals).toContainEqual({ table: "AlertInfo", rows: 3 });
  });

  it("rows: a window that ended before the ingestion counts nothing", async () => {
    const rows = await readRows({ executor: fx.viewer, database: DB, now: new Date(ingestedAt - 3_600_000) }, "1h");
    expect(rows.totals.every((t) => t.rows === 0)).toBe(true);
  });

  it("freshness: last event = newest Timestamp, fresh now, stale two hours later", async () => {
    const fresh = await readFreshness({ executor: fx.viewer, database: DB });
    const alert = fresh.tables.find((t) => t.table === "AlertInfo")!;
    expect(alert.stale).toBe(false);
    expect(Date.parse(alert.lastEventTime!)).toBeGreaterThan(ingestedAt - 20_000);
    expect(Date.parse(alert.lastIngestionTime!)).toBeLessThanOrEqual(ingestedAt + 1000);
    const later = await readFreshness({ executor: fx.viewer, database: DB, now: new Date(ingestedAt + 2 * 3_600_000) });
    expect(later.tables.find((t) => t.table === "AlertInfo")).toMatchObject({ stale: true });
    expect(later.tables.find((t) => t.table === "AlertInfo")!.sinceLastIngestionMs).toBeGreaterThan(
      2 * 3_600_000 - 60_000,
    );
  });

  it("lag: median and p95 of ingestion time minus Timestamp", async () => {
    const lag = await readLag({ executor: fx.viewer, database: DB }, "1h");
    const alert = lag.tables.find((t) => t.table === "AlertInfo")!;
    expect(alert.rows).toBe(3);
    // Lags are 10 s, 70 s and 200 s plus the few seconds the ingestion took: median ~70 s, p95 ~200 s.
    expect(alert.medianMs! / 1000).toBeGreaterThanOrEqual(70);
    expect(alert.medianMs! / 1000).toBeLessThan(100);
    expect(alert.p95Ms! / 1000).toBeGreaterThanOrEqual(200);
    expect(alert.p95Ms! / 1000).toBeLessThan(230);
  });

  it("failures: an ingestion that fails is listed with its reason in the range, not before it", async () => {
    await fx.admin
      .executeCommand(
        DB,
        `.ingest inline into table AlertInfo with (format="json") <|\n{"Timestamp": "not a date", broken`,
      )
      .catch(() => undefined);
    const failures = await readFailures({ executor: fx.viewer, database: DB }, "1h");
    expect(failures.tables.find((t) => t.table === "AlertInfo")).toMatchObject({ count: 1, updatePolicyCount: 0 });
    expect(failures.failures[0]).toMatchObject({ table: "AlertInfo", fromUpdatePolicy: false });
    expect(failures.failures[0]!.details).not.toBe("");
    const before = await readFailures(
      { executor: fx.viewer, database: DB, now: new Date(ingestedAt - 3_600_000) },
      "1h",
    );
    expect(before.failures).toEqual([]);
  });
});
