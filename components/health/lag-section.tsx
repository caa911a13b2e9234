"use client";

import { LagChart } from "@/components/charts/lag-chart";
import { RANGE_SPECS, type LagResponse } from "@/lib/schemas/health";
import { EmptyState } from "./empty-state";

/** End-to-end lag per table: ingestion time minus the event's Timestamp. */
export function LagSection({ data }: { data: LagResponse }) {
  if (data.tables.length === 0) return <EmptyState title="No Defender tables exist in this database yet." />;
  if (data.tables.every((t) => t.rows === 0))
    return (
      <EmptyState title={`No rows in the ${RANGE_SPECS[data.range].label.toLowerCase()} to measure lag on.`}>
        <p>Lag appears once rows arrive; pick a longer range to see older data.</p>
      </EmptyState>
    );
  return (
    <LagChart
      data={data.tables}
      caption={`Ingestion time minus event Timestamp, median and 95th percentile, ${RANGE_SPECS[data.range].label.toLowerCase()}`}
    />
  );
}
