import styles from "./policies.module.css";

/** The exact command that Apply will run, or why there is none yet. Updates politely as the user types. */
export function CommandPreview({ command, id }: { command: string | null; id: string }) {
  return (
    <div className={styles.preview}>
      <p className={styles.previewLabel} id={`${id}-label`}>
        Command that will run
      </p>
      <pre aria-labelledby={`${id}-label`} aria-live="polite" data-testid={id} className={styles.code}>
        <code>{command ?? "Fix the values above to see the command."}</code>
      </pre>
    </div>
  );
}
