"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { HEALTH_REFRESH_MS, healthPageQueries } from "@/lib/queries/health";
import type { HealthRange } from "@/lib/schemas/health";
import { FailuresList } from "./failures-list";
import { FreshnessTable } from "./freshness-table";
import styles from "./health.module.css";
import { HealthToolbar } from "./health-toolbar";
import { LagSection } from "./lag-section";
import { QueryState } from "./query-state";
import { RowsSection } from "./rows-section";

/** The health page's client island: range, auto-refresh, and one section per metrics query. */
export function HealthDashboard() {
  const [range, setRange] = useState<HealthRange>("1h");
  const [autoRefresh, setAutoRefresh] = useState(true);
  const refetchInterval = autoRefresh ? HEALTH_REFRESH_MS : false;
  const queries = healthPageQueries(range);
  const rows = useQuery({ ...queries.rows, refetchInterval });
  const freshness = useQuery({ ...queries.freshness, refetchInterval });
  const lag = useQuery({ ...queries.lag, refetchInterval });
  const failures = useQuery({ ...queries.failures, refetchInterval });
  const updatedAt = Math.max(rows.dataUpdatedAt, freshness.dataUpdatedAt, lag.dataUpdatedAt, failures.dataUpdatedAt);

  return (
    <>
      <HealthToolbar
        range={range}
        onRange={setRange}
        autoRefresh={autoRefresh}
        onAutoRefresh={setAutoRefresh}
        refreshSeconds={HEALTH_REFRESH_MS / 1000}
        updatedAt={updatedAt > 0 ? updatedAt : null}
      />
      {[rows.data, freshness.data, lag.data].flatMap((d) => d?.warnings ?? []).length > 0 ? (
        <ul className={styles.status} aria-label="Warnings">
          {[...new Set([rows.data, freshness.data, lag.data].flatMap((d) => d?.warnings ?? []))].map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <section className={styles.section} aria-labelledby="rows-title">
        <h2 id="rows-title">Rows per table</h2>
        <QueryState query={rows} what="rows per table">
          {(data) => <RowsSection data={data} />}
        </QueryState>
      </section>
      <div className={styles.grid}>
        <section className={styles.section} aria-labelledby="freshness-title">
          <h2 id="freshness-title">Freshness</h2>
          <QueryState query={freshness} what="freshness">
            {(data) => <FreshnessTable data={data} />}
          </QueryState>
        </section>
        <section className={styles.section} aria-labelledby="lag-title">
          <h2 id="lag-title">End-to-end lag</h2>
          <QueryState query={lag} what="lag">
            {(data) => <LagSection data={data} />}
          </QueryState>
        </section>
      </div>
      <section className={styles.section} aria-labelledby="failures-title">
        <h2 id="failures-title">Ingestion failures</h2>
        <QueryState query={failures} what="failures">
          {(data) => <FailuresList data={data} />}
        </QueryState>
      </section>
    </>
  );
}
