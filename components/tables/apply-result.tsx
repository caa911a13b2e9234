import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { IconName } from "@/components/ui/icon";
import { Icon } from "@/components/ui/icon";
import type { ApplyOutcome, ApplyResult } from "@/lib/schemas/table-responses";
import styles from "./tables.module.css";

export const OUTCOME_META: Record<
  ApplyOutcome | "queued" | "running",
  { label: string; icon: IconName; tone: BadgeTone }
> = {
  queued: { label: "Queued", icon: "clock", tone: "neutral" },
  running: { label: "Applying…", icon: "play", tone: "info" },
  applied: { label: "Applied", icon: "check-circle", tone: "success" },
  "nothing-to-do": { label: "Nothing to do", icon: "check", tone: "neutral" },
  failed: { label: "Failed", icon: "x-circle", tone: "danger" },
  blocked: { label: "Blocked", icon: "warning", tone: "warning" },
  busy: { label: "Busy", icon: "pause", tone: "warning" },
};

export function OutcomeBadge({ outcome }: { outcome: keyof typeof OUTCOME_META }) {
  const meta = OUTCOME_META[outcome];
  return (
    <Badge tone={meta.tone} icon={meta.icon}>
      {meta.label}
    </Badge>
  );
}

const commandIcon = (result: string): IconName =>
  result === "Completed" ? "check" : result === "Failed" ? "cross" : "minus";

/** One apply's outcome: its message, then each command the cluster ran with its verdict. */
export function ApplyResultView({ result }: { result: ApplyResult }) {
  return (
    <div className={styles.result}>
      <p className={styles.resultMessage}>{result.message}</p>
      {result.blocked.length > 0 ? (
        <ul className={styles.reasons}>
          {result.blocked.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : null}
      {result.commands.length > 0 ? (
        <ol className={styles.commandResults} aria-label={`Commands applied to ${result.table}`}>
          {result.commands.map((c) => (
            <li key={c.id} className={styles[`cmd-${c.result.toLowerCase()}`]}>
              <Icon name={commandIcon(c.result)} size={15} />
              <span>
                <strong>{c.result}</strong> <code>{c.id}</code>
                {c.error ? <span className={styles.cmdError}> — {c.error}</span> : null}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
