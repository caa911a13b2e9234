"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCompact, formatCount, formatUtc } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { formatTimeLabel, seriesColor, timeAxisProps, timeSpan } from "./chart-theme";
import styles from "./charts.module.css";

export interface RowsChartProps {
  /** One point per bin, every table present. */
  data: readonly { at: string; counts: Readonly<Record<string, number>> }[];
  tables: readonly string[];
  binMinutes: number;
  caption: string;
}

/** Rows ingested per table over time, stacked areas; the table alternative lists only bins with rows. */
export function RowsChart({ data, tables, binMinutes, caption }: RowsChartProps) {
  const points = data.map((p) => ({ t: Date.parse(p.at), ...p.counts }));
  const nonEmpty = data.filter((p) => tables.some((t) => (p.counts[t] ?? 0) > 0));
  return (
    <ChartFrame
      caption={caption}
      testId="rows-chart"
      table={
        nonEmpty.length === 0 ? (
          <p className="muted">No rows in this range.</p>
        ) : (
          <table className={styles.table}>
            <caption className={styles.srOnly}>Rows ingested per {binMinutes}-minute bin (UTC)</caption>
            <thead>
              <tr>
                <th scope="col">Bin start (UTC)</th>
                {tables.map((t) => (
                  <th scope="col" className={styles.num} key={t}>
                    {t}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {nonEmpty.map((p) => (
                <tr key={p.at}>
                  <th scope="row">{formatUtc(new Date(p.at))}</th>
                  {tables.map((t) => (
                    <td className={styles.num} key={t}>
                      {formatCount(p.counts[t] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis {...timeAxisProps(timeSpan(points))} />
          <YAxis tickFormatter={(v: number) => formatCompact(v)} allowDecimals={false} width={48} />
          <Tooltip labelFormatter={formatTimeLabel} formatter={(v) => formatCount(Number(v))} />
          <Legend />
          {tables.map((t, i) => (
            <Area
              key={t}
              type="monotone"
              dataKey={t}
              name={t}
              stackId="rows"
              stroke={seriesColor(i)}
              fill={seriesColor(i)}
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
