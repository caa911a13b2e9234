/**
 * Kusto / .NET timespans as 100-nanosecond ticks (`bigint`, so 365,000 days and single ticks are both exact).
 *
 * Accepted input forms:
 * - Kusto literals: a number, optionally with a fraction, followed by a unit — `0s`, `30s`, `1.5h`, `365d`,
 *   `100ms`, `10microsecond`, `10tick`, and the long names the Kusto lexer knows (`seconds`, `minutes`, `hrs`, …).
 *   Units are lower case, as in Kusto (`30S` is not a timespan there either).
 * - .NET / ADX text: `[-][d.]hh:mm[:ss[.fffffff]]` — `00:00:30`, `1.00:00:00`, `-02:00:00`, `00:00:00.5`.
 * - Either of those wrapped in `timespan(…)` / `time(…)`; inside the wrapper a bare number means days, as in Kusto.
 *
 * A bare number outside the wrapper is rejected: `30` could mean seconds to the user and days to ADX.
 */

/** Ticks (100 ns) in one second. */
export const TICKS_PER_SECOND = 10_000_000n;
/** Ticks in one minute. */
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
/** Ticks in one hour. */
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
/** Ticks in one day. */
export const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;
/** The largest .NET `TimeSpan` (`Int64.MaxValue` ticks); anything beyond cannot be stored by ADX. */
export const MAX_TIMESPAN_TICKS = 9_223_372_036_854_775_807n;

// Ticks per unit as a fraction, because a nanosecond is a hundredth of a tick.
interface UnitRatio {
  readonly num: bigint;
  readonly den: bigint;
}

const unit = (num: bigint, den = 1n): UnitRatio => ({ num, den });

// The suffixes Microsoft's Kusto.Language lexer accepts (checked against the parser, see timespan.test.ts).
const UNITS: Readonly<Record<string, UnitRatio>> = {
  d: unit(TICKS_PER_DAY),
  day: unit(TICKS_PER_DAY),
  days: unit(TICKS_PER_DAY),
  h: unit(TICKS_PER_HOUR),
  hr: unit(TICKS_PER_HOUR),
  hrs: unit(TICKS_PER_HOUR),
  hour: unit(TICKS_PER_HOUR),
  hours: unit(TICKS_PER_HOUR),
  m: unit(TICKS_PER_MINUTE),
  min: unit(TICKS_PER_MINUTE),
  minute: unit(TICKS_PER_MINUTE),
  minutes: unit(TICKS_PER_MINUTE),
  s: unit(TICKS_PER_SECOND),
  sec: unit(TICKS_PER_SECOND),
  second: unit(TICKS_PER_SECOND),
  seconds: unit(TICKS_PER_SECOND),
  ms: unit(10_000n),
  milli: unit(10_000n),
  millis: unit(10_000n),
  millisec: unit(10_000n),
  millisecond: unit(10_000n),
  milliseconds: unit(10_000n),
  micro: unit(10n),
  micros: unit(10n),
  microsec: unit(10n),
  microsecond: unit(10n),
  microseconds: unit(10n),
  nano: unit(1n, 100n),
  nanos: unit(1n, 100n),
  nanosec: unit(1n, 100n),
  nanosecond: unit(1n, 100n),
  nanoseconds: unit(1n, 100n),
  tick: unit(1n),
  ticks: unit(1n),
};

/** Every unit suffix `parseTimespan` accepts after a number (`d`, `hours`, `ms`, `microsecond`, `tick`, …). */
export const TIMESPAN_UNIT_SUFFIXES: readonly string[] = Object.freeze(Object.keys(UNITS));

const KUSTO_LITERAL = /^(-)?(\d+)(?:\.(\d+))?\s*([a-z]+)$/;
const DOTNET_TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const WRAPPED = /^(?:timespan|time)\s*\(\s*(.*?)\s*\)$/;
const BARE_DAYS = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a Kusto or .NET timespan into 100-ns ticks.
 * @returns the ticks (negative for negative spans), or `null` when the text is not a timespan or overflows
 *   `Int64` ticks. Fractions below one tick are truncated toward zero, as .NET does.
 */
export function parseTimespan(text: string): bigint | null {
  const trimmed = text.trim();
  const wrapped = WRAPPED.exec(trimmed);
  if (wrapped) {
    const inner = wrapped[1] ?? "";
    const days = BARE_DAYS.exec(inner);
    if (days) return checked(decimalTimes(days[2] ?? "", days[3] ?? "", unit(TICKS_PER_DAY)), days[1]);
    return WRAPPED.test(inner) ? null : parseTimespan(inner);
  }
  const literal = KUSTO_LITERAL.exec(trimmed);
  if (literal) {
    const ratio = UNITS[literal[4] ?? ""];
    if (!ratio) return null;
    return checked(decimalTimes(literal[2] ?? "", literal[3] ?? "", ratio), literal[1]);
  }
  const dotnet = DOTNET_TIMESPAN.exec(trimmed);
  if (dotnet) {
    const [, sign, d = "0", h = "0", m = "0", s = "0", frac = ""] = dotnet;
    const hours = BigInt(h);
    const minutes = BigInt(m);
    const seconds = BigInt(s);
    if (hours > 23n || minutes > 59n || seconds > 59n) return null;
    const ticks =
      BigInt(d) * TICKS_PER_DAY +
      hours * TICKS_PER_HOUR +
      minutes * TICKS_PER_MINUTE +
      seconds * TICKS_PER_SECOND +
      BigInt(frac.padEnd(7, "0") || "0");
    return checked(ticks, sign);
  }
  return null;
}

// whole.fraction × ratio, exact until the final truncation to whole ticks.
function decimalTimes(whole: string, fraction: string, ratio: UnitRatio): bigint {
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole) * scale + BigInt(fraction || "0");
  return (scaled * ratio.num) / (scale * ratio.den);
}

function checked(ticks: bigint, sign: string | undefined): bigint | null {
  if (ticks > MAX_TIMESPAN_TICKS) return null;
  return sign === "-" && ticks !== 0n ? -ticks : ticks;
}

const pad2 = (n: bigint): string => n.toString().padStart(2, "0");

/**
 * Formats ticks the way ADX returns timespans in `.show` output and policy JSON (.NET's constant format `c`):
 * `[-][d.]hh:mm:ss[.fffffff]` — `00:00:30`, `1.00:00:00`, `365000.00:00:00`, `1.02:03:04.5000000`.
 */
export function formatTimespan(ticks: bigint): string {
  const sign = ticks < 0n ? "-" : "";
  const abs = ticks < 0n ? -ticks : ticks;
  const days = abs / TICKS_PER_DAY;
  const hours = (abs % TICKS_PER_DAY) / TICKS_PER_HOUR;
  const minutes = (abs % TICKS_PER_HOUR) / TICKS_PER_MINUTE;
  const seconds = (abs % TICKS_PER_MINUTE) / TICKS_PER_SECOND;
  const fraction = abs % TICKS_PER_SECOND;
  const dayPart = days > 0n ? `${days}.` : "";
  const fractionPart = fraction > 0n ? `.${fraction.toString().padStart(7, "0")}` : "";
  return `${sign}${dayPart}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${fractionPart}`;
}

// Largest first, so the shortest exact literal wins.
const LITERAL_UNITS: readonly (readonly [string, bigint])[] = [
  ["d", TICKS_PER_DAY],
  ["h", TICKS_PER_HOUR],
  ["m", TICKS_PER_MINUTE],
  ["s", TICKS_PER_SECOND],
  ["ms", 10_000n],
  ["microsecond", 10n],
  ["tick", 1n],
];

/**
 * Formats ticks as the shortest exact Kusto timespan literal, for command text: `0s`, `30s`, `7d`, `12h`, `90m`,
 * `1500ms`, `10tick`. The largest unit that divides the value evenly is chosen, so the literal is never rounded.
 */
export function formatKustoTimespanLiteral(ticks: bigint): string {
  if (ticks === 0n) return "0s";
  const sign = ticks < 0n ? "-" : "";
  const abs = ticks < 0n ? -ticks : ticks;
  for (const [suffix, size] of LITERAL_UNITS) {
    if (abs % size === 0n) return `${sign}${abs / size}${suffix}`;
  }
  return `${sign}${abs}tick`;
}

const DESCRIBE_UNITS: readonly (readonly [string, bigint])[] = [
  ["day", TICKS_PER_DAY],
  ["hour", TICKS_PER_HOUR],
  ["minute", TICKS_PER_MINUTE],
  ["second", TICKS_PER_SECOND],
  ["millisecond", 10_000n],
];

/**
 * Describes a span in words for messages: `10 seconds`, `30 minutes`, `365,000 days`, `1,801 seconds`.
 * Uses the largest unit that divides the value evenly; spans below a millisecond are given in ticks.
 */
export function describeTimespan(ticks: bigint): string {
  const sign = ticks < 0n ? "-" : "";
  const abs = ticks < 0n ? -ticks : ticks;
  if (abs === 0n) return "0 seconds";
  for (const [name, size] of DESCRIBE_UNITS) {
    if (abs % size === 0n) return `${sign}${plural(abs / size, name)}`;
  }
  return `${sign}${plural(abs, "tick")}`;
}

function plural(count: bigint, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1n ? "" : "s"}`;
}

/** Converts seconds (fractions allowed) to ticks, rounding to the nearest tick. */
export function ticksFromSeconds(seconds: number): bigint {
  if (!Number.isFinite(seconds)) throw new RangeError(`Not a finite number of seconds: ${seconds}`);
  return BigInt(Math.round(seconds * 1e7));
}

/** Converts ticks to seconds as a `number` (exact up to about 28 years at tick precision). */
export function secondsFromTicks(ticks: bigint): number {
  return Number(ticks) / 1e7;
}
