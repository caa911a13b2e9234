"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDuration } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { seriesColor } from "./chart-theme";
import styles from "./charts.module.css";

export interface LagChartProps {
  data: readonly { table: string; rows: number; medianMs: number | null; p95Ms: number | null }[];
  caption: string;
}

/** Median and 95th-percentile end-to-end lag per table, as grouped bars (seconds). */
export function LagChart({ data, caption }: LagChartProps) {
  const withRows = data.filter((d) => d.rows > 0);
  const points = withRows.map((d) => ({
    table: d.table,
    median: d.medianMs === null ? null : d.medianMs / 1000,
    p95: d.p95Ms === null ? null : d.p95Ms / 1000,
  }));
  return (
    <ChartFrame
      caption={caption}
      testId="lag-chart"
      table={
        <table className={styles.table}>
          <caption className={styles.srOnly}>End-to-end lag per table</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" className={styles.num}>
                Rows
              </th>
              <th scope="col" className={styles.num}>
                Median lag
              </th>
              <th scope="col" className={styles.num}>
                95th percentile
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.table}>
                <th scope="row">{d.table}</th>
                <td className={styles.num}>{formatCount(d.rows)}</td>
                <td className={styles.num}>{d.medianMs === null ? "—" : formatDuration(d.medianMs)}</td>
                <td className={styles.num}>{d.p95Ms === null ? "—" : formatDuration(d.p95Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="table" interval={0} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => `${v}s`} width={56} />
          <Tooltip formatter={(v) => formatDuration(Number(v) * 1000)} />
          <Legend />
          <Bar dataKey="median" name="Median" fill={seriesColor(0)} isAnimationActive={false} />
          <Bar dataKey="p95" name="95th percentile" fill={seriesColor(1)} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
