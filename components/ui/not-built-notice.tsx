import type { ReactNode } from "react";

/** States plainly that a page is planned but not built, and what it will show. Never shows sample data. */
export function NotBuiltNotice({ children }: { children: ReactNode }) {
  return (
    <section className="notice" aria-labelledby="not-built-title">
      <h2 id="not-built-title" className="notice-title">
        Not built yet
      </h2>
      {children}
    </section>
  );
}
