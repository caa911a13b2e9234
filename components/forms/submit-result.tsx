"use client";

import { ApiError } from "@/lib/api/client";
import styles from "./forms.module.css";

/** The outcome of the last submit: what ran, or why it failed (with the cluster's own message when it refused). */
export function SubmitResult({ success, error }: { success: string | null; error: Error | null }) {
  if (error) {
    return (
      <div className={styles.failure} role="alert">
        <p>
          <strong>Not applied.</strong> {error.message}
        </p>
        {error instanceof ApiError && error.detail ? <p>{error.detail}</p> : null}
      </div>
    );
  }
  if (success)
    return (
      <p className={styles.success} role="status">
        {success}
      </p>
    );
  return null;
}
