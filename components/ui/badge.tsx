import type { ReactNode } from "react";
import { Icon, type IconName } from "./icon";
import styles from "./ui.module.css";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "attention";

/** A pill with an icon AND text: the tone is a hint, never the only carrier of meaning. */
export function Badge({
  tone = "neutral",
  icon,
  children,
}: {
  tone?: BadgeTone;
  icon?: IconName;
  children: ReactNode;
}) {
  return (
    <span className={`${styles.badge} ${styles[`tone-${tone}`]}`}>
      {icon ? <Icon name={icon} size={14} /> : null}
      {children}
    </span>
  );
}
