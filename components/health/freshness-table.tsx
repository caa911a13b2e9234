"use client";

import { ScrollX } from "@/components/ui/scroll-x";
import { formatDuration, formatUtc } from "@/lib/format";
import type { FreshnessResponse } from "@/lib/schemas/health";
import { EmptyState } from "./empty-state";
import styles from "./health.module.css";
import { StaleBadge } from "./stale-badge";

const when = (iso: string | null) => (iso ? formatUtc(new Date(iso)) : "—");

/** Last event and ingestion per table, and a Stale badge when nothing arrived for longer than the threshold. */
export function FreshnessTable({ data }: { data: FreshnessResponse }) {
  if (data.tables.length === 0) return <EmptyState title="No Defender tables exist in this database yet." />;
  return (
    <>
      <p className={styles.status}>
        Stale = no rows ingested for more than {data.staleAfterMinutes} minutes (looking back {data.lookbackDays} days).
      </p>
      <ScrollX className={styles.tableWrap} label="Freshness per table">
        <table className={styles.table} aria-label="Freshness per table">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Status</th>
              <th scope="col">Last event (Timestamp)</th>
              <th scope="col">Last ingestion</th>
              <th scope="col" className={styles.num}>
                Since last ingestion
              </th>
            </tr>
          </thead>
          <tbody>
            {data.tables.map((t) => (
              <tr key={t.table}>
                <th scope="row">{t.table}</th>
                <td>
                  <StaleBadge stale={t.stale} />
                </td>
                <td>{when(t.lastEventTime)}</td>
                <td>{when(t.lastIngestionTime)}</td>
                <td className={styles.num}>
                  {t.sinceLastIngestionMs === null
                    ? `none in ${data.lookbackDays} days`
                    : formatDuration(t.sinceLastIngestionMs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </>
  );
}
