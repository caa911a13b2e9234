"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useEffect, type ReactNode } from "react";
import { SignInScreen } from "./sign-in-screen";
import styles from "./auth.module.css";

/** Signed-out users see only the sign-in screen; the console (header included) renders once an account exists. */
export function AuthGate({ children }: { children: ReactNode }) {
  const { instance, accounts, inProgress } = useMsal();

  useEffect(() => {
    // After a reload MSAL knows the account from its cache but has no active account yet.
    if (!instance.getActiveAccount() && accounts[0]) instance.setActiveAccount(accounts[0]);
  }, [instance, accounts]);

  // Accounts from the cache are known before MSAL has initialised and handled a returning redirect; tokens can
  // only be asked for after that, so the console waits for it.
  const starting = inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect;
  if (accounts.length > 0 && !starting) return children;
  if (inProgress !== InteractionStatus.None) {
    return (
      <main id="main" className={styles.screen} aria-busy="true">
        <p role="status">Signing in…</p>
      </main>
    );
  }
  return <SignInScreen />;
}
