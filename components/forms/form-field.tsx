"use client";

import type { ReactNode } from "react";
import styles from "./forms.module.css";

/** What a field's input needs to be labelled, described and marked invalid. */
export interface FieldInputProps {
  id: string;
  "aria-describedby": string;
  "aria-invalid": boolean;
}

/**
 * A labelled field with its hint (ADX's limits and default) and its error, both linked to the input with
 * `aria-describedby`, so a screen reader reads the limit and the message with the field.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint: ReactNode;
  error: string | undefined;
  children: (input: FieldInputProps) => ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-describedby": error ? `${hintId} ${errorId}` : hintId, "aria-invalid": !!error })}
      <span id={hintId} className={styles.hint}>
        {hint}
      </span>
      {error ? (
        <span id={errorId} className={styles.error}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
