"use client";

import { ScrollX } from "@/components/ui/scroll-x";
import { useQuery } from "@tanstack/react-query";
import { QueryState } from "@/components/health/query-state";
import { formatUtc } from "@/lib/format";
import { policyHistoryQuery } from "@/lib/queries/policies";
import styles from "./policies.module.css";

const KIND = { retention: "Retention", ingestionbatching: "Ingestion batching" } as const;

/** Who changed Staging's (or the database's) retention or batching, when, from what to what. */
export function HistoryList({ stagingTable }: { stagingTable: string }) {
  const history = useQuery(policyHistoryQuery());
  return (
    <section className={styles.card} aria-labelledby="history-title">
      <h2 id="history-title">History of policy changes</h2>
      <QueryState query={history} what="the history">
        {(data) => {
          if (data.unavailable)
            return <p>The cluster&apos;s journal cannot be read with your rights: {data.unavailable}</p>;
          if (data.changes.length === 0) return <p>No retention or batching change is recorded for {stagingTable}.</p>;
          return (
            <ScrollX className={styles.tableWrap} label="Policy change history">
              <table className={styles.table} aria-label="Policy changes, newest first">
                <thead>
                  <tr>
                    <th scope="col">When (UTC)</th>
                    <th scope="col">Policy</th>
                    <th scope="col">Who</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {data.changes.map((c, i) => (
                    <tr key={`${c.at}-${i}`}>
                      <td>{c.at ? formatUtc(new Date(c.at)) : "—"}</td>
                      <td>
                        {KIND[c.kind]} ({c.level === "table" ? stagingTable : "database"})
                      </td>
                      <td>{c.user || c.principal}</td>
                      <td className={styles.mono}>{c.before || "not set"}</td>
                      <td className={styles.mono}>{c.after || "deleted (inherits)"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollX>
          );
        }}
      </QueryState>
    </section>
  );
}
