import { describe, expect, it } from "vitest";
import type { Failure } from "@/lib/schemas/health";
import { densifySeries, FAILURE_LIST_LIMIT, summarizeFailures } from "./transform";

describe("densifySeries", () => {
  const window = { from: new Date("2026-01-05T10:00:30Z"), to: new Date("2026-01-05T10:05:30Z"), binMinutes: 1 };

  it("has one point per bin of the window, every table present, zeros where nothing arrived", () => {
    const { series, totals } = densifySeries(
      [
        { table: "AlertInfo", binStart: new Date("2026-01-05T10:01:00Z"), rows: 5 },
        { table: "AlertInfo", binStart: new Date("2026-01-05T10:05:00Z"), rows: 2 },
        { table: "DeviceEvents", binStart: new Date("2026-01-05T10:00:00Z"), rows: 1 },
      ],
      ["AlertInfo", "DeviceEvents"],
      window,
    );
    expect(series.map((p) => p.at)).toEqual([
      "2026-01-05T10:00:00.000Z",
      "2026-01-05T10:01:00.000Z",
      "2026-01-05T10:02:00.000Z",
      "2026-01-05T10:03:00.000Z",
      "2026-01-05T10:04:00.000Z",
      "2026-01-05T10:05:00.000Z",
    ]);
    expect(series[1]!.counts).toEqual({ AlertInfo: 5, DeviceEvents: 0 });
    expect(series[0]!.counts).toEqual({ AlertInfo: 0, DeviceEvents: 1 });
    expect(totals).toEqual([
      { table: "AlertInfo", rows: 7 },
      { table: "DeviceEvents", rows: 1 },
    ]);
  });

  it("ignores rows of tables it was not asked about", () => {
    const { totals } = densifySeries(
      [{ table: "Other", binStart: new Date("2026-01-05T10:01:00Z"), rows: 5 }],
      ["AlertInfo"],
      window,
    );
    expect(totals).toEqual([{ table: "AlertInfo", rows: 0 }]);
  });
});

describe("summarizeFailures", () => {
  const failure = (at: string, table: string, fromUpdatePolicy = false): Failure => ({
    at,
    table,
    details: `failed at ${at}`,
    errorCode: "E",
    failureKind: "Permanent",
    operationKind: "DataIngestPull",
    fromUpdatePolicy,
  });

  it("counts per table (update-policy failures apart), newest first, with the newest reason", () => {
    const result = summarizeFailures([
      failure("2026-01-05T10:00:00.000Z", "A"),
      failure("2026-01-05T10:02:00.000Z", "A", true),
      failure("2026-01-05T10:01:00.000Z", "B"),
    ]);
    expect(result.tables).toEqual([
      {
        table: "A",
        count: 2,
        updatePolicyCount: 1,
        lastFailedOn: "2026-01-05T10:02:00.000Z",
        lastDetails: "failed at 2026-01-05T10:02:00.000Z",
      },
      {
        table: "B",
        count: 1,
        updatePolicyCount: 0,
        lastFailedOn: "2026-01-05T10:01:00.000Z",
        lastDetails: "failed at 2026-01-05T10:01:00.000Z",
      },
    ]);
    expect(result.failures.map((f) => f.at)).toEqual([
      "2026-01-05T10:02:00.000Z",
      "2026-01-05T10:01:00.000Z",
      "2026-01-05T10:00:00.000Z",
    ]);
    expect(result.truncated).toBe(false);
  });

  it("lists at most the limit and says it truncated", () => {
    const many = Array.from({ length: FAILURE_LIST_LIMIT + 5 }, (_, i) =>
      failure(new Date(Date.UTC(2026, 0, 5, 10, 0, i)).toISOString(), "A"),
    );
    const result = summarizeFailures(many);
    expect(result.failures).toHaveLength(FAILURE_LIST_LIMIT);
    expect(result.truncated).toBe(true);
    expect(result.tables[0]!.count).toBe(FAILURE_LIST_LIMIT + 5);
  });
});
