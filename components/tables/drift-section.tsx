import { Card } from "@/components/ui/card";
import { KqlDiff } from "@/components/kql/kql-diff";
import type { TableDetailResponse } from "@/lib/schemas/table-responses";
import styles from "./tables.module.css";

const schemaText = (schema: readonly { name: string; type: string }[]) =>
  schema.map((c) => `${c.name}: ${c.type}`).join("\n");

/** For a drifted table: each differing part, the cluster's version against the generated one. */
export function DriftSection({ detail }: { detail: TableDetailResponse }) {
  const { parts } = detail.status;
  const { generated, cluster } = detail;
  return (
    <Card className={styles.panel} aria-labelledby="drift-title">
      <h2 id="drift-title" className={styles.cardTitle}>
        Differences
      </h2>
      <p className={styles.cardLead}>
        Lines marked − are what the cluster holds; lines marked + are what the console generates. Apply replaces the
        function and the update policy; the table schema is only ever extended.
      </p>
      <div className={styles.stackTight}>
        {parts.function === "drifted" && cluster.functionBody !== null ? (
          <KqlDiff
            title={`${generated.functionName}() body`}
            cluster={cluster.functionBody}
            generated={generated.functionBody}
          />
        ) : null}
        {parts.table === "drifted" && cluster.schema !== null ? (
          <KqlDiff
            title={`${detail.table.name} schema`}
            cluster={schemaText(cluster.schema)}
            generated={schemaText(generated.schema)}
          />
        ) : null}
        {parts.updatePolicy === "drifted" && cluster.updatePolicy !== null ? (
          <KqlDiff title="Update policy" cluster={cluster.updatePolicy} generated={generated.updatePolicy} />
        ) : null}
      </div>
    </Card>
  );
}
