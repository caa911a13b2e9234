"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useRole } from "@/components/auth/use-role";
import { Button } from "@/components/ui/button";
import type { TableFamily } from "@/kql/catalog";
import type { TableStatusKind } from "@/kql/status";
import { tablesQuery } from "@/lib/queries/tables";
import { formatRelative, formatUtc } from "@/lib/format";
import { TABLE_FAMILIES } from "@/kql/catalog/families";
import { ChecklistSkeleton } from "./checklist-skeleton";
import { DownloadScriptButton } from "./download-script-button";
import { EnableDialog } from "./enable-dialog";
import { FamilyTable, type TableRow } from "./family-table";
import { QueryError } from "./query-error";
import { StagingCard } from "./staging-card";
import { StatusSummary } from "./status-summary";
import { TablesFilters, type Filters } from "./tables-filters";
import styles from "./tables.module.css";

const countBy = <K extends string>(rows: readonly TableRow[], key: (r: TableRow) => K) => {
  const counts: Partial<Record<K, number>> = {};
  for (const r of rows) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return counts;
};

/** The /tables checklist: summary, Staging card, filters, one table per family, selection and bulk enable. */
export function TablesChecklist() {
  const query = useQuery(tablesQuery());
  const { isAdmin } = useRole();
  const [filters, setFilters] = useState<Filters>({ status: "all", family: "all" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<readonly string[] | null>(null);

  const rows = useMemo(() => query.data?.tables ?? [], [query.data]);
  const visible = rows.filter(
    (r) =>
      (filters.status === "all" || r.status === filters.status) &&
      (filters.family === "all" || r.family === filters.family),
  );
  // Counts for one filter follow the other filter, so each option says how many rows choosing it would show.
  const statusCounts = countBy(
    rows.filter((r) => filters.family === "all" || r.family === filters.family),
    (r): TableStatusKind => r.status,
  );
  const familyCounts = countBy(
    rows.filter((r) => filters.status === "all" || r.status === filters.status),
    (r): TableFamily => r.family,
  );

  if (query.isPending) return <ChecklistSkeleton />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} what="the tables" />;
  const data = query.data;
  const now = new Date(data.readAt);

  const toggle = (tables: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const t of tables) {
        if (on) next.add(t);
        else next.delete(t);
      }
      return next;
    });
  // Selection in catalog order, whatever order the boxes were ticked in.
  const chosen = rows.filter((r) => selected.has(r.table)).map((r) => r.table);

  return (
    <div className={styles.stack}>
      <StatusSummary counts={data.counts} total={rows.length} />
      {data.warnings.length > 0 ? (
        <div className={styles.warningBox} role="note">
          <strong>Some of the cluster could not be read:</strong>
          <ul className={styles.reasons}>
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <StagingCard staging={data.staging} />

      <section aria-labelledby="checklist-title" className={styles.checklist}>
        <div className={styles.checklistHead}>
          <div>
            <h2 id="checklist-title" className={styles.sectionTitle}>
              Defender tables
            </h2>
            <p className={styles.muted}>
              Database <code>{data.database}</code> · read{" "}
              <time dateTime={data.readAt} title={formatUtc(now)}>
                {formatRelative(now)}
              </time>
            </p>
          </div>
          <DownloadScriptButton />
        </div>
        <div className={styles.toolbar}>
          <TablesFilters
            filters={filters}
            onChange={setFilters}
            statusCounts={statusCounts}
            familyCounts={familyCounts}
            total={rows.length}
          />
          <p className={styles.showing} aria-live="polite">
            Showing {visible.length} of {rows.length} tables
          </p>
          {isAdmin ? (
            <div className={styles.bulkActions}>
              {chosen.length > 0 ? (
                <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
                  Clear selection
                </Button>
              ) : null}
              <Button variant="primary" icon="play" disabled={chosen.length === 0} onClick={() => setDialog(chosen)}>
                Enable selected{chosen.length > 0 ? ` (${chosen.length})` : ""}
              </Button>
            </div>
          ) : null}
        </div>

        {visible.length === 0 ? (
          <div className={styles.empty}>
            <p>No tables match these filters.</p>
            <Button onClick={() => setFilters({ status: "all", family: "all" })}>Clear filters</Button>
          </div>
        ) : (
          TABLE_FAMILIES.map((family) => {
            const familyRows = visible.filter((r) => r.family === family);
            return familyRows.length === 0 ? null : (
              <FamilyTable
                key={family}
                family={family}
                rows={familyRows}
                selectable={isAdmin}
                selected={selected}
                onToggle={(t, on) => toggle([t], on)}
                onToggleAll={toggle}
                now={now}
              />
            );
          })
        )}
      </section>

      {isAdmin ? (
        <EnableDialog
          open={dialog !== null}
          tables={dialog ?? []}
          stagingReady={data.staging.status === "ready"}
          onClose={(succeeded) => {
            setDialog(null);
            toggle(succeeded, false);
          }}
        />
      ) : null}
    </div>
  );
}
