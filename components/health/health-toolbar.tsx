"use client";

import { formatUtc } from "@/lib/format";
import type { HealthRange } from "@/lib/schemas/health";
import styles from "./health.module.css";
import { ToggleButton } from "@/components/ui/toggle-button";
import { RangeSwitch } from "./range-switch";

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
      <RangeSwitch range={range} onRange={onRange} label="Time range" className={styles.group} />
      <div className={styles.group}>
        <ToggleButton pressed={autoRefresh} onClick={() => onAutoRefresh(!autoRefresh)}>
          Auto-refresh
        </ToggleButton>
        <span className={styles.status}>
          {autoRefresh ? `Every ${refreshSeconds} s` : "Paused"}
          {updatedAt ? ` · updated ${formatUtc(new Date(updatedAt))}` : ""}
        </span>
      </div>
    </div>
  );
}
