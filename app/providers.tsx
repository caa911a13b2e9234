"use client";

import {
  EventType,
  InteractionType,
  PublicClientApplication,
  type AuthenticationResult,
  type EventMessage,
} from "@azure/msal-browser";
import { MsalProvider } from "@azure/msal-react";
import { QueryClientProvider } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { AuthGate } from "@/components/auth/auth-gate";
import { AuthUiProvider } from "@/components/auth/auth-context";
import { setTokenSource } from "@/lib/api/client";
import { makeQueryClient } from "@/lib/api/query-client";
import { buildMsalConfiguration } from "@/lib/auth/msal-config";
import type { PublicAuthConfig } from "@/lib/auth/public-config";
import { createMsalTokenSource } from "@/lib/auth/token-source";

/**
 * The client-side root: one PublicClientApplication (built from the server's runtime config, so one build serves
 * Entra ID and the local IdP), MsalProvider, the QueryClient, and the sign-in gate. Must not wrap the redirect
 * bridge page (app/auth/redirect), which has to run without MsalProvider.
 */
export function Providers({ config, children }: { config: PublicAuthConfig; children: ReactNode }) {
  const [notice, setNotice] = useState<string>();
  const [{ pca, queryClient, sessionEvents }] = useState(() => {
    const browser = typeof window !== "undefined";
    const pca = new PublicClientApplication(buildMsalConfiguration(config, browser ? window.location.origin : ""));
    pca.addEventCallback((event: EventMessage) => {
      if (event.eventType === EventType.LOGIN_SUCCESS || event.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) {
        const account = (event.payload as AuthenticationResult | null)?.account;
        if (account) pca.setActiveAccount(account);
      }
    });
    // Only in the browser: on the server this module-level source would be shared by every request.
    if (browser) setTokenSource(createMsalTokenSource(pca, config.apiScope));
    // The QueryClient outlives renders; it reports a rejected session through this target to the effect below.
    const sessionEvents = new EventTarget();
    const queryClient = makeQueryClient({ onSessionInvalid: () => sessionEvents.dispatchEvent(new Event("invalid")) });
    return { pca, queryClient, sessionEvents };
  });

  const endSession = useCallback(
    (message: string) => {
      queryClient.clear();
      setNotice(message);
      // clearCache forgets the tokens in this tab without navigating; clearing the active account then emits the
      // event that makes MsalProvider re-read (now no) accounts, so the gate shows the sign-in screen.
      void pca.clearCache().finally(() => pca.setActiveAccount(null));
    },
    [pca, queryClient],
  );
  useEffect(() => {
    const onInvalid = () => endSession("Your session is no longer valid. Sign in again.");
    sessionEvents.addEventListener("invalid", onInvalid);
    return () => sessionEvents.removeEventListener("invalid", onInvalid);
  }, [sessionEvents, endSession]);

  useEffect(() => {
    // Interactive failures (cancelled sign-in, refused consent) arrive from the redirect; show them on the screen.
    const id = pca.addEventCallback((event: EventMessage) => {
      const interactive =
        event.interactionType === InteractionType.Redirect || event.interactionType === InteractionType.Popup;
      if (event.eventType === EventType.ACQUIRE_TOKEN_FAILURE && interactive && event.error)
        setNotice(`Sign-in did not complete: ${event.error.message.split("\n")[0]}`);
    });
    return () => {
      if (id) pca.removeEventCallback(id);
    };
  }, [pca]);

  const ui = useMemo(() => ({ config, notice, endSession }), [config, notice, endSession]);
  return (
    <MsalProvider instance={pca}>
      <QueryClientProvider client={queryClient}>
        <AuthUiProvider value={ui}>
          <AuthGate>{children}</AuthGate>
        </AuthUiProvider>
      </QueryClientProvider>
    </MsalProvider>
  );
}
