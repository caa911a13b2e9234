"use client";

import { type ReactNode, useEffect } from "react";

/** Props of {@link RouteError}: what the segment's `error.tsx` receives, plus its wording. */
export interface RouteErrorProps {
  readonly error: unknown;
  readonly retry: () => void;
  /** Id of the heading, unique per segment because nested error boundaries can be on screen together. */
  readonly titleId: string;
  readonly title: string;
  readonly message: string;
  /** Shown after the retry button, on the same line (e.g. a way back up). */
  readonly after?: ReactNode;
}

// Server errors arrive with a generic message and a digest (the matching server log line), never their details.
/** The body of a route segment's `error.tsx`: a titled alert, the digest to look up, and a retry button. */
export function RouteError({ error, retry, titleId, title, message, after }: RouteErrorProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  const button = (
    <button type="button" className="button" onClick={() => retry()}>
      Try again
    </button>
  );
  return (
    <section className="error-panel" role="alert" aria-labelledby={titleId}>
      <h1 id={titleId}>{title}</h1>
      <p>{message}</p>
      {digest ? (
        <p className="muted">
          Reference: <code>{digest}</code>
        </p>
      ) : null}
      {after === undefined ? (
        button
      ) : (
        <p>
          {button} {after}
        </p>
      )}
    </section>
  );
}
