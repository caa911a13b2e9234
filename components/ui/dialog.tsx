"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Icon } from "./icon";
import styles from "./ui.module.css";

export interface DialogProps {
  open: boolean;
  /** Called on Escape, the close button, or a click on the backdrop (unless `dismissible` is false). */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom. */
  footer?: ReactNode;
  /** False while something runs that must not be abandoned half way (e.g. an apply). */
  dismissible?: boolean;
  size?: "md" | "lg";
}

/**
 * A modal on the native `<dialog>` element: `showModal()` gives the focus trap, Escape, the inert background and
 * the top layer for free, and browsers return focus to the opener on close.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  dismissible = true,
  size = "md",
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`${styles.dialog} ${size === "lg" ? styles.dialogLarge : ""}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(event) => {
        // A click on the element itself (not its content) is a click on the backdrop.
        if (event.target === ref.current && dismissible) onClose();
      }}
    >
      {open ? (
        <div className={styles.dialogBody}>
          <header className={styles.dialogHeader}>
            <h2 id={titleId} className={styles.dialogTitle}>
              {title}
            </h2>
            <button
              type="button"
              className={styles.dialogClose}
              onClick={onClose}
              disabled={!dismissible}
              aria-label="Close"
            >
              <Icon name="cross" size={18} />
            </button>
          </header>
          {description ? (
            <p id={descriptionId} className={styles.dialogDescription}>
              {description}
            </p>
          ) : null}
          <div className={styles.dialogContent}>{children}</div>
          {footer ? <footer className={styles.dialogFooter}>{footer}</footer> : null}
        </div>
      ) : null}
    </dialog>
  );
}
