"use client";

import {
  EventType,
  InteractionStatus,
  InteractionType,
  PublicClientApplication,
  type AuthenticationResult,
  type EventMessage,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import { MsalProvider, useMsal } from "@azure/msal-react";
import { useEffect, useMemo, useState } from "react";
import { setTokenSource } from "@/lib/api/client";
import { buildMsalConfiguration } from "@/lib/auth/msal-config";
import type { PublicAuthConfig } from "@/lib/auth/public-config";
import { createMsalTokenSource } from "@/lib/auth/token-source";
import type { AuthSession } from "./auth-session";

export interface MsalSessionProps {
  config: PublicAuthConfig;
  /** Called with every change of the sign-in state (the gate, sign-in screen and account menu render from it). */
  onSession(session: AuthSession): void;
  /** An interactive sign-in failed (cancelled, consent refused): the sign-in screen shows why. */
  onNotice(notice: string): void;
}

/**
 * The only module that imports MSAL, loaded by app/providers.tsx with `import()` after the first paint: one
 * PublicClientApplication built from the server's runtime config (one build serves Entra ID and the local IdP),
 * MsalProvider, and a child that reports MSAL's state upwards. It renders nothing itself.
 */
export function MsalSession({ config, onSession, onNotice }: MsalSessionProps) {
  const [pca] = useState(() => {
    const pca = new PublicClientApplication(buildMsalConfiguration(config, window.location.origin));
    pca.addEventCallback((event: EventMessage) => {
      if (event.eventType === EventType.LOGIN_SUCCESS || event.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) {
        const account = (event.payload as AuthenticationResult | null)?.account;
        if (account) pca.setActiveAccount(account);
      }
      // Interactive failures (cancelled sign-in, refused consent) arrive from the redirect. Registered before
      // MsalProvider handles the redirect, so none is missed.
      const interactive =
        event.interactionType === InteractionType.Redirect || event.interactionType === InteractionType.Popup;
      if (event.eventType === EventType.ACQUIRE_TOKEN_FAILURE && interactive && event.error)
        onNotice(`Sign-in did not complete: ${event.error.message.split("\n")[0]}`);
    });
    setTokenSource(createMsalTokenSource(pca, config.apiScope));
    return pca;
  });

  return (
    <MsalProvider instance={pca}>
      <SessionReporter pca={pca} apiScope={config.apiScope} onSession={onSession} />
    </MsalProvider>
  );
}

function SessionReporter({
  pca,
  apiScope,
  onSession,
}: {
  pca: IPublicClientApplication;
  apiScope: string;
  onSession(session: AuthSession): void;
}) {
  const { accounts, inProgress } = useMsal();

  useEffect(() => {
    // After a reload MSAL knows the account from its cache but has no active account yet.
    if (!pca.getActiveAccount() && accounts[0]) pca.setActiveAccount(accounts[0]);
  }, [pca, accounts]);

  const phase: AuthSession["phase"] =
    inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect
      ? "starting"
      : inProgress === InteractionStatus.None
        ? "idle"
        : "busy";
  // getActiveAccount() builds a new object on every call: the session changes only when these strings do.
  const current = pca.getActiveAccount() ?? accounts[0];
  const homeAccountId = current?.homeAccountId;
  const name = current?.name;
  const username = current?.username;

  const session = useMemo<AuthSession>(() => {
    const account = () => pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    return {
      phase,
      account: homeAccountId !== undefined && username !== undefined ? { name, username } : undefined,
      signIn: () => pca.loginRedirect({ scopes: [apiScope], prompt: "select_account" }),
      signOut: () => pca.logoutRedirect({ account: account(), postLogoutRedirectUri: `${window.location.origin}/` }),
      // clearCache forgets the tokens in this tab without navigating; clearing the active account then emits the
      // event that makes MsalProvider re-read (now no) accounts, so the gate shows the sign-in screen.
      forget: () => pca.clearCache().finally(() => pca.setActiveAccount(null)),
    };
  }, [pca, apiScope, phase, homeAccountId, name, username]);
  useEffect(() => onSession(session), [session, onSession]);
  return null;
}
