import { Skeleton } from "@/components/ui/skeleton";
import styles from "./tables.module.css";

/** The checklist's shape while the cluster is read (also the route's loading.tsx). */
export function ChecklistSkeleton() {
  return (
    <div className={styles.stack} aria-busy="true">
      <p role="status" className={styles.srOnly}>
        Reading the cluster…
      </p>
      <div className={styles.summaryList}>
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} width="7.5rem" height="3.4rem" />
        ))}
      </div>
      <Skeleton height="11rem" />
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className={styles.skeletonGroup}>
          <Skeleton width="10rem" height="1.4rem" />
          {Array.from({ length: 4 }, (_, j) => (
            <Skeleton key={j} height="2.4rem" />
          ))}
        </div>
      ))}
    </div>
  );
}
