import type { ReactNode } from "react";
import styles from "./ui.module.css";

/** Text for screen readers only (e.g. the words behind a tick icon). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className={styles.srOnly}>{children}</span>;
}
