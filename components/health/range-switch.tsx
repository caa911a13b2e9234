"use client";

import { ToggleButton } from "@/components/ui/toggle-button";
import { HEALTH_RANGES, RANGE_SPECS, type HealthRange } from "@/lib/schemas/health";

/**
 * The 1h / 24h / 7d switch: one pressed toggle per range, named for screen readers by `label`. The group's spacing
 * stays with the caller (the health toolbar and the policies card space it differently).
 */
export function RangeSwitch({
  range,
  onRange,
  label,
  className,
}: {
  range: HealthRange;
  onRange: (range: HealthRange) => void;
  label: string;
  className: string | undefined;
}) {
  return (
    <div className={className} role="group" aria-label={label}>
      {HEALTH_RANGES.map((r) => (
        <ToggleButton key={r} pressed={r === range} title={RANGE_SPECS[r].label} onClick={() => onRange(r)}>
          {r}
        </ToggleButton>
      ))}
    </div>
  );
}
