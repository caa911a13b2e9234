"use client";

import { useState } from "react";
import { useAuthUi } from "./auth-context";
import { useAuthSession } from "./auth-session";
import styles from "./auth.module.css";

/** The whole page for signed-out users: what the console is, one sign-in button, and why we are here again. */
export function SignInScreen() {
  const session = useAuthSession();
  const { config, notice } = useAuthUi();
  const [error, setError] = useState<string>();
  const busy = session.phase !== "idle";

  async function signIn() {
    setError(undefined);
    try {
      await session.signIn();
    } catch (e) {
      setError(e instanceof Error ? e.message.split("\n")[0] : "Sign-in could not start.");
    }
  }

  return (
    <main id="main" className={styles.screen}>
      <section className={styles.card} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Defender ADX Console</h1>
        <p>
          Sign in with your work account to set up and watch the streaming of Defender tables into Azure Data Explorer.
        </p>
        {notice ? (
          <p role="status" className={styles.notice}>
            {notice}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        ) : null}
        <button type="button" className="button" onClick={signIn} disabled={busy}>
          {config.mode === "local" ? "Sign in" : "Sign in with Microsoft"}
        </button>
        {config.mode === "local" ? (
          <p className={styles.hint}>
            Local mode: the local identity provider lets you pick Avery Admin or Vic Viewer.
          </p>
        ) : null}
      </section>
    </main>
  );
}
