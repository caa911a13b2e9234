/**
 * Kusto datetimes as text: ISO-8601 UTC with 7 fractional digits and `Z` (`2026-01-05T10:00:00.1234567Z`), the form
 * the wire uses and DuckDB's TIMESTAMP_NS accepts.
 */

/** The current time as a Kusto datetime string (millisecond precision, padded to 7 digits). */
export function nowKusto(): string {
  return kustoFromDate(new Date());
}

/** A JS Date as a Kusto datetime string. */
export function kustoFromDate(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

/**
 * DuckDB's text form of a TIMESTAMP_NS (`2026-01-05 10:00:00.123456789`, fraction optional) as a Kusto datetime
 * string; sub-tick digits are truncated as Kusto keeps 100-ns ticks.
 */
export function kustoFromDuckText(text: string): string {
  const m = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`Unexpected timestamp text from storage: ${text}`);
  return `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(7, "0").slice(0, 7)}Z`;
}

/** Milliseconds between two Kusto datetime strings (sub-ms digits ignored). */
export function millisBetween(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}
