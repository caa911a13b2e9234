/**
 * Display formatting shared by pages and charts. Fixed locale ("en-US") and explicit time zone so that server and
 * browser render the same text (no hydration mismatch) and tests are stable.
 */

const LOCALE = "en-US";

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });

/** 1234567 → "1,234,567". */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** 1234567 → "1.2M"; for chart axes. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** Bytes in binary units: 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A duration in milliseconds as the largest sensible units: 850 → "850 ms", 90_000 → "1 min 30 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(abs < 10_000 ? 1 : 0)} s`;
  const parts: [number, string][] = [
    [Math.floor(abs / 86_400_000), "d"],
    [Math.floor(abs / 3_600_000) % 24, "h"],
    [Math.floor(abs / 60_000) % 60, "min"],
    [Math.floor(abs / 1000) % 60, "s"],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  return (
    sign +
    parts
      .slice(first, first + 2)
      .filter(([n]) => n > 0)
      .map(([n, unit]) => `${n} ${unit}`)
      .join(" ")
  );
}

/** "3 min ago" / "in 2 h" relative to `now`; "just now" within five seconds. */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const delta = date.getTime() - now.getTime();
  if (Math.abs(delta) < 5_000) return "just now";
  const text = formatDuration(Math.abs(delta)).split(" ").slice(0, 2).join(" ");
  return delta < 0 ? `${text} ago` : `in ${text}`;
}

const utcDateTime = new Intl.DateTimeFormat(LOCALE, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** Absolute time in UTC, as ADX reports it: "Mar 5, 2025, 14:03:09 UTC". */
export function formatUtc(date: Date): string {
  return `${utcDateTime.format(date)} UTC`;
}
