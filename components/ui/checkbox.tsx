"use client";

import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import styles from "./ui.module.css";

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  /** The accessible name; visually hidden when `hideLabel`. */
  label: ReactNode;
  hideLabel?: boolean;
  /** The mixed state of a "select all" box (some, not all, selected). */
  indeterminate?: boolean;
}

/** A native checkbox with a real label (clickable, read by screen readers), optionally visually hidden. */
export function Checkbox({ label, hideLabel = false, indeterminate = false, className, ...rest }: CheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // `indeterminate` exists only as a DOM property, not as an attribute.
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <label className={`${styles.checkbox} ${className ?? ""}`}>
      <input ref={ref} type="checkbox" {...rest} />
      <span className={hideLabel ? styles.srOnly : undefined}>{label}</span>
    </label>
  );
}
