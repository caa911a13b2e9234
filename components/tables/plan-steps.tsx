import type { PlanStepDto } from "@/lib/schemas/table-responses";
import styles from "./tables.module.css";

const KIND_LABEL: Record<PlanStepDto["kind"], string> = {
  "staging-table": "Create the Staging table",
  "staging-mapping": "Create the ingestion mapping",
  retention: "Set the retention policy",
  batching: "Set the ingestion batching policy",
  function: "Create or alter the function",
  table: "Create or extend the table",
  "update-policy": "Set the update policy",
  backfill: "Backfill",
};

/** The ordered commands of a plan: what each does, why it is needed, and its exact text. */
export function PlanSteps({ steps, compact = false }: { steps: readonly PlanStepDto[]; compact?: boolean }) {
  return (
    <ol className={`${styles.steps} ${compact ? styles.stepsCompact : ""}`}>
      {steps.map((step) => (
        <li key={step.id} className={styles.step}>
          <div className={styles.stepHead}>
            <strong>{KIND_LABEL[step.kind]}</strong> <code className={styles.stepTarget}>{step.target}</code>
          </div>
          <p className={styles.stepReason}>{step.reason}</p>
          <pre className={styles.command} tabIndex={0}>
            <code>{step.text}</code>
          </pre>
        </li>
      ))}
    </ol>
  );
}
