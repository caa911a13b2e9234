import type { ComponentPropsWithoutRef, ReactNode } from "react";
import styles from "./ui.module.css";

/** A white surface with a border; a `<section>` so its heading names a region when `aria-labelledby` is given. */
export function Card({ children, className, ...rest }: { children: ReactNode } & ComponentPropsWithoutRef<"section">) {
  return (
    <section className={`${styles.card} ${className ?? ""}`} {...rest}>
      {children}
    </section>
  );
}
