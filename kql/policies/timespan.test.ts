import { describe, expect, it } from "vitest";
import { buildGlobals, diagnosticsOf, parseAndAnalyze, resultColumns } from "@/local/adx/kusto/language";
import {
  describeTimespan,
  formatKustoTimespanLiteral,
  formatTimespan,
  MAX_TIMESPAN_TICKS,
  parseTimespan,
  secondsFromTicks,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  ticksFromSeconds,
  TIMESPAN_UNIT_SUFFIXES,
} from "./timespan";

const S = TICKS_PER_SECOND;

const valid: Record<string, bigint> = {
  "0s": 0n,
  "30s": 30n * S,
  "10s": 10n * S,
  "30m": 30n * TICKS_PER_MINUTE,
  "1h": TICKS_PER_HOUR,
  "365d": 365n * TICKS_PER_DAY,
  "365000d": 365_000n * TICKS_PER_DAY,
  "1.5h": 90n * TICKS_PER_MINUTE,
  "0.1s": S / 10n,
  "100ms": 1_000_000n,
  "10tick": 10n,
  "1tick": 1n,
  "1microsecond": 10n,
  "10microsecond": 100n,
  "250nanoseconds": 2n,
  "2days": 2n * TICKS_PER_DAY,
  "3hrs": 3n * TICKS_PER_HOUR,
  "15 seconds": 15n * S,
  "5minutes": 5n * TICKS_PER_MINUTE,
  "1millisecond": 10_000n,
  "-1d": -TICKS_PER_DAY,
  "  30s  ": 30n * S,
  "00:00:30": 30n * S,
  "00:00:10": 10n * S,
  "00:30:00": 30n * TICKS_PER_MINUTE,
  "00:05:00": 5n * TICKS_PER_MINUTE,
  "1.00:00:00": TICKS_PER_DAY,
  "-02:00:00": -2n * TICKS_PER_HOUR,
  "00:00:00.5": S / 2n,
  "00:00:00.0000001": 1n,
  "1.02:03:04.5000000": TICKS_PER_DAY + 2n * TICKS_PER_HOUR + 3n * TICKS_PER_MINUTE + 4n * S + S / 2n,
  "365000.00:00:00": 365_000n * TICKS_PER_DAY,
  "00:00:00": 0n,
  "-00:00:00": 0n,
  "1:2:3": TICKS_PER_HOUR + 2n * TICKS_PER_MINUTE + 3n * S,
  "00:30": 30n * TICKS_PER_MINUTE,
  "23:59:59": TICKS_PER_DAY - S,
  "timespan(2)": 2n * TICKS_PER_DAY,
  "timespan(15 seconds)": 15n * S,
  "time(0.12:34:56.7)": 12n * TICKS_PER_HOUR + 34n * TICKS_PER_MINUTE + 567n * (S / 10n),
  "10675199.02:48:05.4775807": MAX_TIMESPAN_TICKS,
};

const garbage = [
  "",
  "   ",
  "30",
  "1.5",
  "s",
  "abc",
  "30S",
  "30 sec ago",
  "2w",
  "1y",
  "30m1s",
  "1..5h",
  ".5h",
  "24:00:00",
  "00:60:00",
  "00:00:60",
  "00:00:00.12345678",
  "1.2.00:00:00",
  "00:00:30Z",
  "timespan()",
  "timespan(timespan(1d))",
  "10675199.02:48:05.4775808",
  "99999999999999999999d",
  "null",
];

describe("parseTimespan", () => {
  for (const [text, ticks] of Object.entries(valid)) {
    it(`parses ${JSON.stringify(text)}`, () => expect(parseTimespan(text)).toBe(ticks));
  }
  for (const text of garbage) {
    it(`rejects ${JSON.stringify(text)}`, () => expect(parseTimespan(text)).toBeNull());
  }
});

describe("formatTimespan (ADX canonical)", () => {
  const cases: [bigint, string][] = [
    [0n, "00:00:00"],
    [30n * S, "00:00:30"],
    [10n * S, "00:00:10"],
    [5n * TICKS_PER_MINUTE, "00:05:00"],
    [TICKS_PER_DAY, "1.00:00:00"],
    [365n * TICKS_PER_DAY, "365.00:00:00"],
    [365_000n * TICKS_PER_DAY, "365000.00:00:00"],
    [-2n * TICKS_PER_HOUR, "-02:00:00"],
    [S / 2n, "00:00:00.5000000"],
    [1n, "00:00:00.0000001"],
    [TICKS_PER_DAY + 2n * TICKS_PER_HOUR + 3n * TICKS_PER_MINUTE + 4n * S + S / 2n, "1.02:03:04.5000000"],
    [MAX_TIMESPAN_TICKS, "10675199.02:48:05.4775807"],
  ];
  for (const [ticks, text] of cases) {
    it(`formats ${ticks} as ${text}`, () => expect(formatTimespan(ticks)).toBe(text));
  }

  it("round-trips every valid input through canonical text", () => {
    for (const ticks of Object.values(valid)) {
      expect(parseTimespan(formatTimespan(ticks))).toBe(ticks);
    }
  });
});

describe("formatKustoTimespanLiteral", () => {
  const cases: [bigint, string][] = [
    [0n, "0s"],
    [30n * S, "30s"],
    [7n * TICKS_PER_DAY, "7d"],
    [12n * TICKS_PER_HOUR, "12h"],
    [90n * TICKS_PER_MINUTE, "90m"],
    [1_500n * 10_000n, "1500ms"],
    [10n, "1microsecond"],
    [15n, "15tick"],
    [365_000n * TICKS_PER_DAY, "365000d"],
    [-TICKS_PER_DAY, "-1d"],
  ];
  for (const [ticks, text] of cases) {
    it(`writes ${ticks} as ${text}`, () => expect(formatKustoTimespanLiteral(ticks)).toBe(text));
  }

  it("round-trips every valid input through the short literal", () => {
    for (const ticks of Object.values(valid)) {
      expect(parseTimespan(formatKustoTimespanLiteral(ticks))).toBe(ticks);
    }
  });
});

describe("describeTimespan", () => {
  const cases: [bigint, string][] = [
    [0n, "0 seconds"],
    [S, "1 second"],
    [10n * S, "10 seconds"],
    [30n * TICKS_PER_MINUTE, "30 minutes"],
    [1801n * S, "1,801 seconds"],
    [365_000n * TICKS_PER_DAY, "365,000 days"],
    [S / 2n, "500 milliseconds"],
    [3n, "3 ticks"],
    [-TICKS_PER_DAY, "-1 day"],
  ];
  for (const [ticks, text] of cases) {
    it(`describes ${ticks} as ${text}`, () => expect(describeTimespan(ticks)).toBe(text));
  }
});

describe("seconds helpers", () => {
  it("converts both ways", () => {
    expect(ticksFromSeconds(30)).toBe(30n * S);
    expect(ticksFromSeconds(0.5)).toBe(S / 2n);
    expect(secondsFromTicks(30n * S)).toBe(30);
    expect(secondsFromTicks(1n)).toBe(1e-7);
    expect(() => ticksFromSeconds(Number.NaN)).toThrow(RangeError);
  });
});

// Oracle: Microsoft's parser must agree that our suffixes and our emitted literals are timespans.
describe("agreement with Kusto.Language", () => {
  const globals = buildGlobals({ name: "Defender", tables: [], functions: [] });
  const timespanType = (expression: string) => {
    const code = parseAndAnalyze(`print x = ${expression}`, globals);
    return { diagnostics: diagnosticsOf(code), types: resultColumns(code).map((c) => c.type) };
  };

  it("accepts every unit suffix parseTimespan accepts", () => {
    for (const suffix of TIMESPAN_UNIT_SUFFIXES) {
      expect(timespanType(`2${suffix}`), suffix).toEqual({ diagnostics: [], types: ["timespan"] });
    }
  });

  it("rejects a suffix parseTimespan rejects", () => {
    expect(timespanType("2w").diagnostics).not.toEqual([]);
  });

  it("accepts every short literal we emit", () => {
    for (const ticks of Object.values(valid)) {
      const literal = formatKustoTimespanLiteral(ticks);
      const expression = literal.startsWith("-") ? `(${literal})` : literal;
      expect(timespanType(expression), literal).toEqual({ diagnostics: [], types: ["timespan"] });
    }
  });
});
