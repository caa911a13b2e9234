"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useState } from "react";
import { useAuthUi } from "./auth-context";
import styles from "./auth.module.css";

/** The whole page for signed-out users: what the console is, one sign-in button, and why we are here again. */
export function SignInScreen() {
  const { instance, inProgress } = useMsal();
  const { config, notice } = useAuthUi();
  const [error, setError] = useState<string>();
  const busy = inProgress !== InteractionStatus.None;

  async function signIn() {
    setError(undefined);
    try {
      // Asking for the API scope up front gets consent for it at sign-in, so the first API call stays silent.
      await instance.loginRedirect({ scopes: [config.apiScope], prompt: "select_account" });
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
