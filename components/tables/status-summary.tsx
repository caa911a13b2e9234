import { Icon } from "@/components/ui/icon";
// The constant's own module: "@/kql/status" would bring the status deriver (and classic zod) to the browser.
import { TABLE_STATUSES, type TableStatusKind } from "@/kql/status/types";
import { STATUS_META } from "./status-meta";
import styles from "./tables.module.css";

/** How many tables have each status, as a row of labelled counts. */
export function StatusSummary({ counts, total }: { counts: Partial<Record<TableStatusKind, number>>; total: number }) {
  return (
    <section aria-labelledby="summary-title" className={styles.summary}>
      <h2 id="summary-title" className={styles.srOnly}>
        Summary
      </h2>
      <dl className={styles.summaryList}>
        <div className={`${styles.summaryItem} ${styles.summaryTotal}`}>
          <dt>Tables</dt>
          <dd>{total}</dd>
        </div>
        {TABLE_STATUSES.map((status) => {
          const meta = STATUS_META[status];
          const count = counts[status] ?? 0;
          return (
            <div
              key={status}
              className={`${styles.summaryItem} ${styles[`summary-${meta.tone}`]} ${count === 0 ? styles.summaryZero : ""}`}
              title={meta.hint}
            >
              <dt>
                <Icon name={meta.icon} size={14} />
                {meta.label}
              </dt>
              <dd>{count}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
