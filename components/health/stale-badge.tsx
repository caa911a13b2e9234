import styles from "./health.module.css";

/** Stale / Fresh as text plus an icon, never colour alone. */
export function StaleBadge({ stale }: { stale: boolean }) {
  return stale ? (
    <span className={`${styles.badge} ${styles.stale}`}>
      <span aria-hidden="true">⚠</span> Stale
    </span>
  ) : (
    <span className={`${styles.badge} ${styles.fresh}`}>
      <span aria-hidden="true">✓</span> Fresh
    </span>
  );
}
