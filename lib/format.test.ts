import { describe, expect, it } from "vitest";
import { formatBytes, formatCompact, formatCount, formatDuration, formatRelative, formatUtc } from "./format";

describe("format", () => {
  it("formats counts with grouping and compact notation", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(0)).toBe("0");
    expect(formatCompact(1234567)).toBe("1.2M");
    expect(formatCompact(950)).toBe("950");
  });

  const bytes: Record<string, string> = {
    "0": "0 B",
    "1023": "1023 B",
    "1536": "1.5 KiB",
    "1048576": "1.0 MiB",
    "157286400": "150 MiB",
  };
  for (const [input, expected] of Object.entries(bytes)) {
    it(`formats ${input} bytes as ${expected}`, () => expect(formatBytes(Number(input))).toBe(expected));
  }

  const durations: Record<string, string> = {
    "0": "0 ms",
    "850": "850 ms",
    "1500": "1.5 s",
    "30000": "30 s",
    "90000": "1 min 30 s",
    "3600000": "1 h",
    "3723000": "1 h 2 min",
    "90061000": "1 d 1 h",
    "-2000": "-2.0 s",
  };
  for (const [input, expected] of Object.entries(durations)) {
    it(`formats ${input} ms as ${expected}`, () => expect(formatDuration(Number(input))).toBe(expected));
  }

  it("formats a non-finite duration as a dash", () => {
    expect(formatDuration(Number.NaN)).toBe("—");
  });

  it("formats times relative to now", () => {
    const now = new Date("2025-03-05T14:00:00Z");
    expect(formatRelative(new Date("2025-03-05T13:59:58Z"), now)).toBe("just now");
    expect(formatRelative(new Date("2025-03-05T13:57:00Z"), now)).toBe("3 min ago");
    expect(formatRelative(new Date("2025-03-05T11:30:00Z"), now)).toBe("2 h ago");
    expect(formatRelative(new Date("2025-03-05T14:00:45Z"), now)).toBe("in 45 s");
  });

  it("formats absolute times in UTC whatever the machine's zone", () => {
    expect(formatUtc(new Date("2025-03-05T04:03:09.1234567Z"))).toBe("Mar 5, 2025, 04:03:09 UTC");
  });
});
