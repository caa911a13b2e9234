import type { ReactNode } from "react";
import { ScrollX } from "@/components/ui/scroll-x";
import styles from "./charts.module.css";

/**
 * A chart as a figure: its caption, the picture (hidden from assistive technology, which gets the table instead)
 * and a `<details>` holding the same data as a real table.
 */
export function ChartFrame({
  caption,
  table,
  tableSummary = "Show the data as a table",
  children,
  testId,
}: {
  caption: string;
  table: ReactNode;
  tableSummary?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <figure className={styles.figure} data-testid={testId}>
      <figcaption className={styles.caption}>{caption}</figcaption>
      <div className={styles.plot} aria-hidden="true">
        {children}
      </div>
      <details className={styles.details}>
        <summary>{tableSummary}</summary>
        <ScrollX className={styles.tableWrap} label={`${caption}: data`}>
          {table}
        </ScrollX>
      </details>
    </figure>
  );
}
