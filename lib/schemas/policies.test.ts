import { describe, expect, it } from "vitest";
import { batchingRequestSchema, fieldErrorBodySchema, retentionRequestSchema } from "./policies";

/** The forms' schemas (also the routes'), at and around every ADX limit. */
const policy = {
  mode: "table",
  MaximumBatchingTimeSpan: "00:05:00",
  MaximumNumberOfItems: 500,
  MaximumRawDataSizeMB: 1024,
};
const batching = (patch: Record<string, unknown>) => batchingRequestSchema.safeParse({ ...policy, ...patch });
const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("batchingRequestSchema", () => {
  const cases: [string, unknown, boolean, RegExp?][] = [
    ["MaximumBatchingTimeSpan", "10s", true],
    ["MaximumBatchingTimeSpan", "9s", false, /at least 00:00:10 \(10 seconds\)/],
    ["MaximumBatchingTimeSpan", "00:00:09.9999999", false, /at least 00:00:10/],
    ["MaximumBatchingTimeSpan", "00:30:00", true],
    ["MaximumBatchingTimeSpan", "00:30:01", false, /at most 00:30:00 \(30 minutes\)/],
    ["MaximumBatchingTimeSpan", "soon", false, /timespan such as 00:00:30 or 30s/],
    ["MaximumBatchingTimeSpan", 30, false, /timespan/],
    ["MaximumNumberOfItems", 1, true],
    ["MaximumNumberOfItems", 0, false, /at least 1 item$/],
    ["MaximumNumberOfItems", 25_000, true],
    ["MaximumNumberOfItems", 25_001, false, /at most 25,000 items/],
    ["MaximumNumberOfItems", 2.5, false, /whole number/],
    ["MaximumNumberOfItems", Number.NaN, false, /must be a number/],
    ["MaximumNumberOfItems", "500", false, /must be a number/],
    ["MaximumRawDataSizeMB", 100, true],
    ["MaximumRawDataSizeMB", 99, false, /at least 100 MB/],
    ["MaximumRawDataSizeMB", 4096, true],
    ["MaximumRawDataSizeMB", 4097, false, /at most 4,096 MB/],
  ];
  for (const [field, value, ok, message] of cases) {
    it(`${field} = ${String(value)} → ${ok ? "accepted" : "refused"}`, () => {
      const result = batching({ [field]: value });
      expect(result.success).toBe(ok);
      if (!ok) {
        expect(result.error!.issues[0]!.path).toEqual([field]);
        expect(messageOf(result)).toMatch(message!);
      }
    });
  }

  it("normalises the time to ADX's canonical form", () => {
    expect(batching({ MaximumBatchingTimeSpan: "30s" })).toMatchObject({
      data: { MaximumBatchingTimeSpan: "00:00:30" },
    });
  });

  it("inherit needs no fields and drops any sent; an unknown mode is refused", () => {
    expect(batchingRequestSchema.parse({ mode: "inherit", MaximumNumberOfItems: 0 })).toEqual({ mode: "inherit" });
    expect(batchingRequestSchema.safeParse({ mode: "database" }).success).toBe(false);
    expect(batchingRequestSchema.safeParse({}).success).toBe(false);
  });
});

describe("retentionRequestSchema", () => {
  const cases: [Record<string, unknown>, boolean, string?, RegExp?][] = [
    [{ softDelete: "0s" }, true],
    [{ softDelete: "00:00:00", recoverability: "disabled" }, true],
    [{ softDelete: "0s", recoverability: "enabled" }, false, "recoverability", /must be Disabled/],
    [{ softDelete: "365000d" }, true],
    [{ softDelete: "365000.00:00:01" }, false, "softDelete", /at most 365000\.00:00:00/],
    [{ softDelete: "-1s" }, false, "softDelete", /SoftDeletePeriod/],
    [{ softDelete: "7d", recoverability: "enabled" }, true],
    [{ softDelete: "7d", recoverability: "maybe" }, false, "recoverability", /"enabled" or "disabled"/],
    [{ softDelete: "" }, false, "softDelete", /timespan such as/],
  ];
  for (const [input, ok, field, message] of cases) {
    it(`${JSON.stringify(input)} → ${ok ? "accepted" : "refused"}`, () => {
      const result = retentionRequestSchema.safeParse(input);
      expect(result.success).toBe(ok);
      if (!ok) {
        expect(result.error!.issues[0]!.path).toEqual([field]);
        expect(result.error!.issues[0]!.message).toMatch(message!);
      }
    });
  }

  it("outputs the shortest Kusto literal", () => {
    expect(retentionRequestSchema.parse({ softDelete: "7.00:00:00" }).softDelete).toBe("7d");
  });
});

describe("fieldErrorBodySchema", () => {
  it("is the error body plus messages per field", () => {
    expect(
      fieldErrorBodySchema.safeParse({ code: "bad_request:policies", message: "m", fieldErrors: { a: ["x"] } }).success,
    ).toBe(true);
  });
});
