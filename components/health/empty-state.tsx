import Link from "next/link";
import type { ReactNode } from "react";
import styles from "./health.module.css";

/** What is missing and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={styles.empty}>
      <p>
        <strong>{title}</strong>
      </p>
      {children ?? (
        <p>
          Set up Staging and enable a table on the <Link href="/tables">Tables page</Link>; rows appear here once
          Defender data arrives.
        </p>
      )}
    </div>
  );
}
