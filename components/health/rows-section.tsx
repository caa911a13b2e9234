"use client";

import { ScrollX } from "@/components/ui/scroll-x";
import Link from "next/link";
import { RowsChart } from "@/components/charts/rows-chart";
import { formatCount } from "@/lib/format";
import { RANGE_SPECS, type RowsResponse } from "@/lib/schemas/health";
import { EmptyState } from "./empty-state";
import styles from "./health.module.css";

/** Rows per table over the range (chart + table alternative) and the totals per table. */
export function RowsSection({ data }: { data: RowsResponse }) {
  if (data.tables.length === 0) return <EmptyState title="No Defender tables exist in this database yet." />;
  const total = data.totals.reduce((n, t) => n + t.rows, 0);
  return (
    <>
      {total === 0 ? (
        <EmptyState title={`No rows arrived in the ${RANGE_SPECS[data.range].label.toLowerCase()}.`}>
          <p>
            Check that the Event Hub data connection sends to Staging and that the tables are enabled on the{" "}
            <Link href="/tables">Tables page</Link>; failures below may say why.
          </p>
        </EmptyState>
      ) : (
        <RowsChart
          data={data.series}
          tables={data.tables}
          binMinutes={data.binMinutes}
          caption={`Rows ingested per ${data.binMinutes === 60 ? "hour" : `${data.binMinutes} minute${data.binMinutes === 1 ? "" : "s"}`}, ${RANGE_SPECS[data.range].label.toLowerCase()} (UTC)`}
        />
      )}
      <h3>Totals</h3>
      <ScrollX className={styles.tableWrap} label="Rows per table">
        <table className={styles.table} aria-label="Rows per table in the range">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" className={styles.num}>
                Rows
              </th>
            </tr>
          </thead>
          <tbody>
            {data.totals.map((t) => (
              <tr key={t.table}>
                <th scope="row">{t.table}</th>
                <td className={styles.num}>{formatCount(t.rows)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All tables</th>
              <td className={styles.num}>{formatCount(total)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollX>
    </>
  );
}
