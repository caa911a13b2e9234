"use client";

import { useQuery } from "@tanstack/react-query";
import { tableDetailQuery } from "@/lib/queries/tables";
import { ColumnsTable } from "./columns-table";
import { DetailOverview } from "./detail-overview";
import { DetailSkeleton } from "./detail-skeleton";
import { DriftSection } from "./drift-section";
import { GeneratedKql } from "./generated-kql";
import { HistoryTable } from "./history-table";
import { PlanPanel } from "./plan-panel";
import { QueryError } from "./query-error";
import styles from "./tables.module.css";

/** /tables/[name]: status, plan and apply, differences, generated KQL, columns and change history of one table. */
export function TableDetail({ name }: { name: string }) {
  const query = useQuery(tableDetailQuery(name));
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} what={name} />;
  const detail = query.data;
  return (
    <div className={styles.stack}>
      <DetailOverview detail={detail} />
      <PlanPanel detail={detail} />
      {detail.status.status === "drifted" ? <DriftSection detail={detail} /> : null}
      <GeneratedKql detail={detail} />
      <ColumnsTable table={detail.table} />
      <HistoryTable history={detail.history} unavailable={detail.historyUnavailable} />
    </div>
  );
}
