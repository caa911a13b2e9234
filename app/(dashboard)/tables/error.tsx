"use client";

import { useEffect } from "react";

// Server errors arrive with a generic message and a digest (the matching server log line), never their details.
export default function TablesError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <section className="error-panel" role="alert" aria-labelledby="tables-error-title">
      <h1 id="tables-error-title">The tables could not be shown</h1>
      <p>Try again; if it keeps failing, check the server log.</p>
      {digest ? (
        <p className="muted">
          Reference: <code>{digest}</code>
        </p>
      ) : null}
      <button type="button" className="button" onClick={() => retry()}>
        Try again
      </button>
    </section>
  );
}
