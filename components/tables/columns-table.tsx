import { Card } from "@/components/ui/card";
import { findTable } from "@/kql/catalog";
import type { TableDetailResponse } from "@/lib/schemas/table-responses";
import { ScrollX } from "@/components/ui/scroll-x";
import styles from "./tables.module.css";

/** The table's columns as the catalog defines them: Kusto type, payload key, and what is special about them. */
export function ColumnsTable({ table }: { table: TableDetailResponse["table"] }) {
  // The encoding is catalog data the API does not repeat; the catalog is plain data shared with the browser.
  const encoding = new Map(findTable(table.name)?.columns.map((c) => [c.name, c.encoding]) ?? []);
  return (
    <Card className={styles.panel} aria-labelledby="columns-title">
      <h2 id="columns-title" className={styles.cardTitle}>
        Columns <span className={styles.familyCount}>{table.columns.length}</span>
      </h2>
      <ScrollX className={styles.tableWrap} label={`Columns of ${table.name}`}>
        <table className={`${styles.table} ${styles.columnsTable}`}>
          <colgroup>
            <col className={styles.colColumn} />
            <col className={styles.colType} />
            <col className={styles.colColumn} />
            <col />
          </colgroup>
          <caption className={styles.srOnly}>Columns of {table.name}</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Kusto type</th>
              <th scope="col">Payload key</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((c) => (
              <tr key={c.name}>
                <th scope="row" className={styles.nameCell}>
                  <code>{c.name}</code>
                </th>
                <td>
                  <code className={styles.typeTag}>{c.type}</code>
                </td>
                <td>
                  <code className={c.payloadKey !== c.name ? styles.keyDiffers : undefined}>
                    properties.{c.payloadKey}
                  </code>
                </td>
                <td className={styles.noteCell}>
                  {!c.streamed ? <strong>Not streamed (computed in Advanced Hunting). </strong> : null}
                  {c.payloadKey !== c.name ? <strong>Payload key differs. </strong> : null}
                  {encoding.get(c.name) === "json-text" ? <strong>JSON text in a string. </strong> : null}
                  <span className={styles.muted}>{c.description}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </Card>
  );
}
