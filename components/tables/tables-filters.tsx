"use client";

import type { TableFamily } from "@/kql/catalog";
// The constant's own module: "@/kql/status" would bring the status deriver (and classic zod) to the browser.
import { TABLE_STATUSES, type TableStatusKind } from "@/kql/status/types";
import { TABLE_FAMILIES } from "@/kql/catalog/families";
import { FAMILY_LABEL, STATUS_META } from "./status-meta";
import styles from "./tables.module.css";

export interface Filters {
  status: TableStatusKind | "all";
  family: TableFamily | "all";
}

/** Status and family filters as native selects, each option with its count. */
export function TablesFilters({
  filters,
  onChange,
  statusCounts,
  familyCounts,
  total,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  statusCounts: Partial<Record<TableStatusKind, number>>;
  familyCounts: Partial<Record<TableFamily, number>>;
  total: number;
}) {
  return (
    <div className={styles.filters} role="group" aria-label="Filter tables">
      <label className={styles.filter}>
        <span>Status</span>
        <select
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as Filters["status"] })}
        >
          <option value="all">All statuses ({total})</option>
          {TABLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_META[s].label} ({statusCounts[s] ?? 0})
            </option>
          ))}
        </select>
      </label>
      <label className={styles.filter}>
        <span>Family</span>
        <select
          value={filters.family}
          onChange={(e) => onChange({ ...filters, family: e.target.value as Filters["family"] })}
        >
          <option value="all">All families ({total})</option>
          {TABLE_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {FAMILY_LABEL[f]} ({familyCounts[f] ?? 0})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
