import styles from "./ui.module.css";

/** A grey placeholder block while data loads; hidden from assistive technology (announce loading elsewhere). */
export function Skeleton({ width = "100%", height = "1rem" }: { width?: string; height?: string }) {
  return <span className={styles.skeleton} style={{ width, height }} aria-hidden="true" />;
}
