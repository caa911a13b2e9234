import { Card } from "@/components/ui/card";
import { formatUtc } from "@/lib/format";
import type { HistoryEntry } from "@/lib/schemas/table-responses";
import { ScrollX } from "@/components/ui/scroll-x";
import styles from "./tables.module.css";

/** `ALTER-TABLE-UPDATE-POLICY` → `Alter table update policy`. */
const humanEvent = (event: string) => {
  const words = event.toLowerCase().replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Changes to the table, its function and policies as the cluster's journal recorded them, newest first. */
export function HistoryTable({
  history,
  unavailable,
}: {
  history: readonly HistoryEntry[];
  unavailable: string | null;
}) {
  return (
    <Card className={styles.panel} aria-labelledby="history-title">
      <h2 id="history-title" className={styles.cardTitle}>
        Change history
      </h2>
      {unavailable ? (
        <p className={styles.muted}>The history could not be read: {unavailable}</p>
      ) : history.length === 0 ? (
        <p className={styles.muted}>No changes recorded for this table yet.</p>
      ) : (
        <ScrollX className={styles.tableWrap} label={"Change history"}>
          <table className={styles.table}>
            <caption className={styles.srOnly}>Change history, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Event</th>
                <th scope="col">Entity</th>
                <th scope="col">By</th>
                <th scope="col">Command</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={`${h.at}-${i}`}>
                  <td className={styles.timeCell}>
                    {h.at ? <time dateTime={h.at}>{formatUtc(new Date(h.at))}</time> : "—"}
                  </td>
                  <td className={styles.eventCell}>{humanEvent(h.event)}</td>
                  <td>
                    <code>{h.entity}</code>
                  </td>
                  <td>{h.user || h.principal}</td>
                  <td className={styles.commandCell}>
                    <code title={h.command}>{h.command}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollX>
      )}
    </Card>
  );
}
