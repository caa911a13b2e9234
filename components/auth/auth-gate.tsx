"use client";

import type { ReactNode } from "react";
import { useAuthSession } from "./auth-session";
import { SignInScreen } from "./sign-in-screen";
import styles from "./auth.module.css";

/** Signed-out users see only the sign-in screen; the console (header included) renders once an account exists. */
export function AuthGate({ children }: { children: ReactNode }) {
  const { phase, account } = useAuthSession();
  // Accounts from the cache are known before MSAL has initialised and handled a returning redirect; tokens can
  // only be asked for after that, so the console waits for it (and, before that, for MSAL's code to load).
  if (account && phase !== "starting") return children;
  if (phase !== "idle") {
    return (
      <main id="main" className={styles.screen} aria-busy="true">
        <p role="status">Signing in…</p>
      </main>
    );
  }
  return <SignInScreen />;
}
