/** Time arithmetic over the datetime texts found in a cluster state. */

/**
 * Milliseconds since the epoch for an ISO 8601 or Kusto datetime text (`2026-01-05 10:00:00.1234567`, with or
 * without `T` / `Z`; a missing zone means UTC, as Kusto datetimes are UTC), or `null` when unreadable.
 * @internal
 */
export function parseInstant(text: string): number | null {
  let iso = text.trim().replace(" ", "T");
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(iso)) iso += "Z";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Whole minutes from `earlier` to `later` (floored), or `null` when either is unreadable. @internal */
export function minutesBetween(earlier: string, later: string): number | null {
  const a = parseInstant(earlier);
  const b = parseInstant(later);
  return a === null || b === null ? null : Math.floor((b - a) / 60_000);
}
