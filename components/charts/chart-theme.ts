import type { XAxisProps } from "recharts";
import { formatUtc } from "@/lib/format";

/**
 * Colours and tick formats shared by the chart wrappers. The palette is the Okabe–Ito set (distinguishable with
 * colour-vision deficiencies), darkened where needed for 3:1 contrast on white; charts never rely on colour alone:
 * every series is named in the legend and the tooltip, and every chart has a table alternative.
 */
export const SERIES_COLORS = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#8a6d00",
  "#56b4e9",
  "#5d5d5d",
  "#e69f00",
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

const time = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const secondsTime = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const dayTime = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/**
 * An x-axis tick for a time series: `14:05:30` within a few minutes (so ticks differ), `14:05` within a day,
 * `Mar 5, 14:00` beyond (UTC, as ADX reports times).
 */
export function formatTick(ms: number, spanMs: number): string {
  if (spanMs > 86_400_000) return dayTime.format(ms);
  return spanMs < 600_000 ? secondsTime.format(ms) : time.format(ms);
}

/** Milliseconds from the first to the last point of a time series (points carry epoch ms in `t`). */
export function timeSpan(points: readonly { t: number }[]): number {
  return points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
}

/** The x-axis of a time series whose points carry epoch ms in `t`, ticks formatted for the series' span. */
export function timeAxisProps(spanMs: number): XAxisProps {
  return {
    dataKey: "t",
    type: "number",
    scale: "time",
    domain: ["dataMin", "dataMax"],
    tickFormatter: (v: number) => formatTick(v, spanMs),
    minTickGap: 24,
  };
}

/** The tooltip title of a time-series point: its instant in UTC. */
export function formatTimeLabel(label: unknown): string {
  return formatUtc(new Date(Number(label)));
}
