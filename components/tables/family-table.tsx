"use client";

import Link from "next/link";
import { Checkbox } from "@/components/ui/checkbox";
import { formatCount, formatRelative, formatUtc } from "@/lib/format";
import type { TablesResponse } from "@/lib/schemas/table-responses";
import { PartTick } from "./part-tick";
import { StatusBadge } from "./status-badge";
import { FAMILY_LABEL, PART_LABEL } from "./status-meta";
import { ScrollX } from "@/components/ui/scroll-x";
import styles from "./tables.module.css";

export type TableRow = TablesResponse["tables"][number];

// The badge says enough for these; the others need the why (which part is missing or differs, since when).
const SHOW_REASON = new Set<TableRow["status"]>(["partial", "drifted", "stale", "failing"]);

/** One family's tables as a real table: caption, column headers, a row header per table. */
export function FamilyTable({
  family,
  rows,
  selectable,
  selected,
  onToggle,
  onToggleAll,
  now,
}: {
  family: TableRow["family"];
  rows: readonly TableRow[];
  /** Admins select tables to enable; viewers see no checkboxes. */
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (table: string, on: boolean) => void;
  onToggleAll: (tables: readonly string[], on: boolean) => void;
  now: Date;
}) {
  const label = FAMILY_LABEL[family];
  const chosen = rows.filter((r) => selected.has(r.table)).length;
  const headingId = `family-${family}`;
  return (
    <section aria-labelledby={headingId} className={styles.family}>
      <h3 id={headingId} className={styles.familyTitle}>
        {label}
        <span className={styles.familyCount}>
          {rows.length} table{rows.length === 1 ? "" : "s"}
        </span>
      </h3>
      <ScrollX className={styles.tableWrap} label={`${label} tables`}>
        <table className={`${styles.table} ${styles.checklistTable}`}>
          <colgroup>
            {selectable ? <col className={styles.colSelect} /> : null}
            <col className={styles.colName} />
            <col className={styles.colStatus} />
            <col className={styles.colPart} />
            <col className={styles.colPart} />
            <col className={styles.colPart} />
            <col className={styles.colRows} />
            <col className={styles.colTime} />
          </colgroup>
          <caption className={styles.srOnly}>
            {label} tables: status, setup parts, rows in the last hour and last event
          </caption>
          <thead>
            <tr>
              {selectable ? (
                <th scope="col" className={styles.selectCell}>
                  <Checkbox
                    label={`Select all ${label} tables`}
                    hideLabel
                    checked={chosen === rows.length && rows.length > 0}
                    indeterminate={chosen > 0 && chosen < rows.length}
                    onChange={(e) =>
                      onToggleAll(
                        rows.map((r) => r.table),
                        e.target.checked,
                      )
                    }
                  />
                </th>
              ) : null}
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">{PART_LABEL.function}</th>
              <th scope="col">{PART_LABEL.table}</th>
              <th scope="col">{PART_LABEL.updatePolicy}</th>
              <th scope="col" className={styles.num}>
                Rows (last hour)
              </th>
              <th scope="col">Last event</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.table} className={selected.has(row.table) ? styles.rowSelected : undefined}>
                {selectable ? (
                  <td className={styles.selectCell}>
                    <Checkbox
                      label={`Select ${row.table}`}
                      hideLabel
                      checked={selected.has(row.table)}
                      onChange={(e) => onToggle(row.table, e.target.checked)}
                    />
                  </td>
                ) : null}
                <th scope="row" className={styles.nameCell}>
                  <Link href={`/tables/${row.table}`} className={styles.tableLink}>
                    {row.table}
                  </Link>
                  {row.preview ? <span className={styles.previewTag}>preview</span> : null}
                </th>
                <td>
                  <span className={styles.statusCell}>
                    <StatusBadge status={row.status} />
                    {row.reasons[0] && SHOW_REASON.has(row.status) ? (
                      <span className={styles.reasonLine} title={row.reasons[0]}>
                        {row.reasons[0]}
                      </span>
                    ) : null}
                  </span>
                </td>
                <td>
                  <PartTick state={row.parts.function} label={PART_LABEL.function} />
                </td>
                <td>
                  <PartTick state={row.parts.table} label={PART_LABEL.table} />
                </td>
                <td>
                  <PartTick state={row.parts.updatePolicy} label={PART_LABEL.updatePolicy} />
                </td>
                <td className={styles.num}>{formatCount(row.rowsLastHour)}</td>
                <td className={styles.timeCell}>
                  {row.lastEventTime ? (
                    <time dateTime={row.lastEventTime} title={formatUtc(new Date(row.lastEventTime))}>
                      {formatRelative(new Date(row.lastEventTime), now)}
                    </time>
                  ) : (
                    <span className={styles.muted}>Never</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </section>
  );
}
