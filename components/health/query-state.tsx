"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/api/client";
import styles from "./health.module.css";

/** Loading, error (with the server's detail and a retry) or the data of one query. */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  /** What is loading, e.g. "rows per table". */
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading {what}…
      </p>
    );
  }
  if (query.isError) {
    const error = query.error;
    return (
      <div className={styles.alert} role="alert">
        <p>
          <strong>Could not load {what}.</strong> {error.message}
        </p>
        {error instanceof ApiError && error.detail ? <p className={styles.reason}>{error.detail}</p> : null}
        <button type="button" className="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
