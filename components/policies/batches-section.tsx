"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { BatchesChart } from "@/components/charts/batches-chart";
import { QueryState } from "@/components/health/query-state";
import { RangeSwitch } from "@/components/health/range-switch";
import { formatBytes, formatCount, formatDuration } from "@/lib/format";
import { batchesQuery } from "@/lib/queries/health";
import { RANGE_SPECS, type HealthRange } from "@/lib/schemas/health";
import styles from "./policies.module.css";

const REFRESH_MS = 15_000;

/** Batches sealed on Staging over time — the visible effect of the batching policy. */
export function BatchesSection({ stagingTable }: { stagingTable: string }) {
  const [range, setRange] = useState<HealthRange>("1h");
  const batches = useQuery({ ...batchesQuery(range), refetchInterval: REFRESH_MS });
  return (
    <section className={styles.card} aria-labelledby="batches-title">
      <h2 id="batches-title">Batches sealed on {stagingTable}</h2>
      <RangeSwitch range={range} onRange={setRange} label="Batches time range" className={styles.toolbar} />
      <QueryState query={batches} what="batches">
        {(data) => {
          if (!data.available) return <p>{data.unavailableReason}</p>;
          const n = data.batches.length;
          const avgDelay = n ? data.batches.reduce((s, b) => s + b.delayMs, 0) / n : 0;
          return (
            <>
              <p data-testid="batches-summary">
                {n === 0
                  ? `No batch was sealed on ${stagingTable} in the ${RANGE_SPECS[range].label.toLowerCase()}. Batches appear once Defender messages reach ${stagingTable}.`
                  : `${formatCount(n)} batches, average added delay ${formatDuration(avgDelay)}; last sealed by its ${data.batches.at(-1)!.reason} limit.`}
                {data.pending && data.pending.items > 0
                  ? ` ${formatCount(data.pending.items)} messages (${formatBytes(data.pending.rawBytes)}) are waiting for the next batch.`
                  : ""}
              </p>
              {n > 0 ? (
                <BatchesChart
                  data={data.batches}
                  caption={`Records per batch and the delay batching added, ${RANGE_SPECS[range].label.toLowerCase()} (UTC)`}
                />
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
