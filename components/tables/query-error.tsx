import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api/client";
import styles from "./tables.module.css";

/** A failed read: the server's message (it is written for users), the code for support, and Try again. */
export function QueryError({ error, onRetry, what }: { error: Error; onRetry: () => void; what: string }) {
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <section className="error-panel" role="alert" aria-labelledby="query-error-title">
      <h2 id="query-error-title" className={styles.errorTitle}>
        Could not load {what}
      </h2>
      <p>{error.message}</p>
      {code ? (
        <p className={styles.muted}>
          Code: <code>{code}</code>
        </p>
      ) : null}
      <Button variant="primary" icon="refresh" onClick={onRetry}>
        Try again
      </Button>
    </section>
  );
}
