import { Skeleton } from "@/components/ui/skeleton";
import styles from "./tables.module.css";

export function DetailSkeleton() {
  return (
    <div className={styles.stack} aria-busy="true">
      <p role="status" className={styles.srOnly}>
        Reading the table from the cluster…
      </p>
      <Skeleton height="8rem" />
      <Skeleton height="12rem" />
      <Skeleton height="18rem" />
    </div>
  );
}
