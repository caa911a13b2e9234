"use client";

import { ScrollX } from "@/components/ui/scroll-x";
import { formatCount, formatUtc } from "@/lib/format";
import { RANGE_SPECS, type FailuresResponse } from "@/lib/schemas/health";
import styles from "./health.module.css";

/** Ingestion and update-policy failures in the range: counts per table and the newest failures with reasons. */
export function FailuresList({ data }: { data: FailuresResponse }) {
  const range = RANGE_SPECS[data.range].label.toLowerCase();
  if (data.tables.length === 0) return <p>No ingestion failures in the {range}.</p>;
  return (
    <>
      <ScrollX className={styles.tableWrap} label="Ingestion failures">
        <table className={styles.table} aria-label="Failures per table">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" className={styles.num}>
                Failures
              </th>
              <th scope="col" className={styles.num}>
                From update policy
              </th>
              <th scope="col">Last failure</th>
            </tr>
          </thead>
          <tbody>
            {data.tables.map((t) => (
              <tr key={t.table}>
                <th scope="row">{t.table || "(no table)"}</th>
                <td className={styles.num}>{formatCount(t.count)}</td>
                <td className={styles.num}>{formatCount(t.updatePolicyCount)}</td>
                <td>{formatUtc(new Date(t.lastFailedOn))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
      <h3>Newest failures{data.truncated ? ` (latest ${data.failures.length})` : ""}</h3>
      <ol aria-label="Failures with their reasons">
        {data.failures.map((f, i) => (
          <li key={`${f.at}-${i}`}>
            <p>
              <strong>{f.table || "(no table)"}</strong> · {formatUtc(new Date(f.at))} · {f.errorCode || f.failureKind}
              {f.fromUpdatePolicy ? " · update policy" : ""} · {f.failureKind}
            </p>
            <p className={styles.reason}>{f.details}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
