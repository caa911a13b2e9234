import type { ButtonHTMLAttributes } from "react";
import styles from "./ui.module.css";

/** An on/off button (`aria-pressed`), e.g. a time range or auto-refresh; pressed is filled, not only coloured text. */
export function ToggleButton({
  pressed,
  className,
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { pressed: boolean }) {
  return <button type={type} aria-pressed={pressed} className={[styles.toggle, className ?? ""].join(" ")} {...rest} />;
}
