"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes, formatCount, formatDuration, formatUtc } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { formatTimeLabel, seriesColor, timeAxisProps, timeSpan } from "./chart-theme";
import styles from "./charts.module.css";

export interface BatchesChartProps {
  data: readonly {
    sealedAt: string;
    items: number;
    records: number;
    rawBytes: number;
    reason: string;
    delayMs: number;
  }[];
  caption: string;
}

const REASON_TEXT: Record<string, string> = {
  time: "time limit",
  count: "item limit",
  size: "size limit",
  flush: "flushed",
};

/** Batches sealed over time: records per batch (bars) and the delay each batch added (line, right axis). */
export function BatchesChart({ data, caption }: BatchesChartProps) {
  const points = data.map((b) => ({
    t: Date.parse(b.sealedAt),
    records: b.records,
    delay: b.delayMs / 1000,
    reason: REASON_TEXT[b.reason] ?? b.reason,
    bytes: b.rawBytes,
  }));
  return (
    <ChartFrame
      caption={caption}
      testId="batches-chart"
      table={
        <table className={styles.table}>
          <caption className={styles.srOnly}>Sealed batches, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Sealed at (UTC)</th>
              <th scope="col">Sealed by</th>
              <th scope="col" className={styles.num}>
                Items
              </th>
              <th scope="col" className={styles.num}>
                Records
              </th>
              <th scope="col" className={styles.num}>
                Raw size
              </th>
              <th scope="col" className={styles.num}>
                Added delay
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((b) => (
              <tr key={`${b.sealedAt}-${b.records}`}>
                <th scope="row">{formatUtc(new Date(b.sealedAt))}</th>
                <td>{REASON_TEXT[b.reason] ?? b.reason}</td>
                <td className={styles.num}>{formatCount(b.items)}</td>
                <td className={styles.num}>{formatCount(b.records)}</td>
                <td className={styles.num}>{formatBytes(b.rawBytes)}</td>
                <td className={styles.num}>{formatDuration(b.delayMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis {...timeAxisProps(timeSpan(points))} />
          <YAxis yAxisId="records" allowDecimals={false} width={48} />
          <YAxis
            yAxisId="delay"
            orientation="right"
            // Delays are often sub-second: whole milliseconds keep the labels short enough to fit.
            tickFormatter={(v: number) => (v < 1 ? `${Math.round(v * 1000)} ms` : `${Number(v.toFixed(1))} s`)}
            width={64}
          />
          <Tooltip
            labelFormatter={formatTimeLabel}
            formatter={(value, name) =>
              name === "Added delay" ? formatDuration(Number(value) * 1000) : formatCount(Number(value))
            }
          />
          <Legend />
          <Bar
            yAxisId="records"
            dataKey="records"
            name="Records per batch"
            fill={seriesColor(0)}
            isAnimationActive={false}
          />
          <Line
            yAxisId="delay"
            dataKey="delay"
            name="Added delay"
            stroke={seriesColor(1)}
            strokeWidth={2}
            dot
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
