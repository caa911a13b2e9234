/**
 * Timestamps as Defender writes them: ISO-8601 UTC with up to 7 fractional digits (100 ns ticks).
 * JS Dates stop at milliseconds, so an instant carries the extra 0..9999 ticks separately.
 */
export interface Instant {
  /** Milliseconds since the Unix epoch (integer). */
  readonly ms: number;
  /** Sub-millisecond part in 100 ns ticks, 0..9999. */
  readonly ticks: number;
}

export interface TimeStyle {
  /** Fractional digits to write (0..7). */
  readonly digits: number;
  /** Drop trailing zeros of the fraction (Defender does inside `properties`). */
  readonly trimZeros?: boolean;
  /** Write the `Z` suffix (some `_TimeReceivedBySvc` values lack it). */
  readonly zulu?: boolean;
}

export function instantFromMs(ms: number, ticks = 0): Instant {
  return { ms: Math.floor(ms), ticks: Math.max(0, Math.min(9999, Math.floor(ticks))) };
}

export function addMs(t: Instant, deltaMs: number): Instant {
  return { ms: t.ms + Math.floor(deltaMs), ticks: t.ticks };
}

export function formatInstant(t: Instant, style: TimeStyle): string {
  const base = new Date(t.ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const seconds = base.slice(0, 19);
  const fraction7 = base.slice(20, 23) + String(t.ticks).padStart(4, "0");
  let fraction = fraction7.slice(0, Math.max(0, Math.min(7, style.digits)));
  if (style.trimZeros) fraction = fraction.replace(/0+$/, "");
  const zulu = style.zulu === false ? "" : "Z";
  return fraction.length > 0 ? `${seconds}.${fraction}${zulu}` : `${seconds}${zulu}`;
}

const TICKS_TO_UNIX_EPOCH = 621355968000000000n;

/** .NET ticks (100 ns since 0001-01-01) of an instant: the 18-digit ids Defender uses for snapshot ReportIds. */
export function dotNetTicks(t: Instant): bigint {
  return TICKS_TO_UNIX_EPOCH + BigInt(t.ms) * 10000n + BigInt(t.ticks);
}
