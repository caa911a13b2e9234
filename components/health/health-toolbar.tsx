"use client";

import { HEALTH_RANGES, RANGE_SPECS, type HealthRange } from "@/lib/schemas/health";
import { formatUtc } from "@/lib/format";
import styles from "./health.module.css";

/** The range switch (1h / 24h / 7d) and the auto-refresh toggle, with when the data was last updated. */
export function HealthToolbar({
  range,
  onRange,
  autoRefresh,
  onAutoRefresh,
  refreshSeconds,
  updatedAt,
}: {
  range: HealthRange;
  onRange: (range: HealthRange) => void;
  autoRefresh: boolean;
  onAutoRefresh: (on: boolean) => void;
  refreshSeconds: number;
  updatedAt: number | null;
}) {
  return (
    <div className={styles.toolbar}>
      <div className={styles.group} role="group" aria-label="Time range">
        {HEALTH_RANGES.map((r) => (
          <button
            key={r}
            type="button"
            className={styles.toggle}
            aria-pressed={r === range}
            title={RANGE_SPECS[r].label}
            onClick={() => onRange(r)}
          >
            {r}
          </button>
        ))}
      </div>
      <div className={styles.group}>
        <button
          type="button"
          className={styles.toggle}
          aria-pressed={autoRefresh}
          onClick={() => onAutoRefresh(!autoRefresh)}
        >
          Auto-refresh
        </button>
        <span className={styles.status}>
          {autoRefresh ? `Every ${refreshSeconds} s` : "Paused"}
          {updatedAt ? ` · updated ${formatUtc(new Date(updatedAt))}` : ""}
        </span>
      </div>
    </div>
  );
}
