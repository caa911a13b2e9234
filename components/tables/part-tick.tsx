import { Icon } from "@/components/ui/icon";
import type { PartState } from "@/kql/status";
import styles from "./tables.module.css";

const TEXT: Record<PartState, string> = { ok: "Present", missing: "Missing", drifted: "Differs" };

/** Whether one part (function, table, update policy) exists and matches: an icon and a short word. */
export function PartTick({ state, label }: { state: PartState; label: string }) {
  return (
    <span className={`${styles.part} ${styles[`part-${state}`]}`} title={`${label}: ${TEXT[state].toLowerCase()}`}>
      <Icon name={state === "ok" ? "check" : state === "missing" ? "cross" : "warning"} size={15} />
      <span className={styles.partText}>{TEXT[state]}</span>
    </span>
  );
}
