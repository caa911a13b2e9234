"use client";

import Link from "next/link";
import { useEffect } from "react";

export default function TableDetailError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <section className="error-panel" role="alert" aria-labelledby="table-error-title">
      <h1 id="table-error-title">This table could not be shown</h1>
      <p>Try again; if it keeps failing, check the server log.</p>
      {digest ? (
        <p className="muted">
          Reference: <code>{digest}</code>
        </p>
      ) : null}
      <p>
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        <Link href="/tables">Back to all tables</Link>
      </p>
    </section>
  );
}
