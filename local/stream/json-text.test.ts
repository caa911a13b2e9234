import { describe, expect, it } from "vitest";
import { toJsonText } from "./json-text";
import { dotNetTicks, formatInstant } from "./time-format";

describe("toJsonText", () => {
  it("matches JSON.stringify for plain values and skips undefined keys", () => {
    const value = { a: 1, b: 'x"y', c: [true, null, { d: 2.5 }], e: undefined };
    expect(toJsonText(value)).toBe(JSON.stringify(value));
  });

  it("writes bigint as an exact integer literal", () => {
    expect(toJsonText({ ReportId: 639211823122460123n })).toBe('{"ReportId":639211823122460123}');
  });
});

describe("formatInstant", () => {
  const t = { ms: Date.UTC(2026, 7, 1, 12, 0, 5, 120), ticks: 4500 };
  it("writes 7, trimmed, 0 digits and optional Z", () => {
    expect(formatInstant(t, { digits: 7 })).toBe("2026-08-01T12:00:05.1204500Z");
    expect(formatInstant(t, { digits: 7, trimZeros: true })).toBe("2026-08-01T12:00:05.12045Z");
    expect(formatInstant(t, { digits: 0 })).toBe("2026-08-01T12:00:05Z");
    expect(formatInstant(t, { digits: 7, zulu: false })).toBe("2026-08-01T12:00:05.1204500");
    expect(formatInstant({ ms: Date.UTC(2026, 0, 1), ticks: 0 }, { digits: 7, trimZeros: true })).toBe(
      "2026-01-01T00:00:00Z",
    );
  });

  it("computes .NET ticks (18 digits in this century)", () => {
    const ticks = dotNetTicks({ ms: 0, ticks: 1 });
    expect(ticks).toBe(621355968000000001n);
    expect(String(dotNetTicks(t))).toMatch(/^\d{18}$/);
  });
});
