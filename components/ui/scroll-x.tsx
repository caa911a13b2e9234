import type { ReactNode } from "react";

/**
 * A horizontally scrollable wrapper (wide tables on narrow screens). Focusable and named, so keyboard users can
 * scroll it with the arrow keys (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
export function ScrollX({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}
