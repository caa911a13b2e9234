"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState, type ComponentType, type ReactNode } from "react";
import { AuthGate } from "@/components/auth/auth-gate";
import { AuthUiProvider } from "@/components/auth/auth-context";
import { AuthSessionProvider, STARTING_SESSION, type AuthSession } from "@/components/auth/auth-session";
import type { MsalSessionProps } from "@/components/auth/msal-session";
import { SignInUnavailable } from "@/components/auth/sign-in-unavailable";
import { makeQueryClient } from "@/lib/api/query-client";
import type { PublicAuthConfig } from "@/lib/auth/public-config";

/**
 * The client-side root: the QueryClient, the sign-in gate, and MSAL (built from the server's runtime config, so one
 * build serves Entra ID and the local IdP). MSAL is most of a page's JavaScript, so it is not on the first load:
 * its module is imported once the page has painted, and until it reports, the gate shows "Signing in…" as it does
 * while MSAL starts. Must not wrap the redirect bridge page (app/auth/redirect), which has to run without MSAL's
 * provider.
 */
export function Providers({ config, children }: { config: PublicAuthConfig; children: ReactNode }) {
  const [notice, setNotice] = useState<string>();
  const [session, setSession] = useState<AuthSession>(STARTING_SESSION);
  const [msal, setMsal] = useState<{ Session: ComponentType<MsalSessionProps> } | { error: string }>();
  const [{ queryClient, sessionEvents }] = useState(() => {
    // The QueryClient outlives renders; it reports a rejected session through this target to the effect below.
    const sessionEvents = new EventTarget();
    const queryClient = makeQueryClient({ onSessionInvalid: () => sessionEvents.dispatchEvent(new Event("invalid")) });
    return { queryClient, sessionEvents };
  });

  useEffect(() => {
    let live = true;
    import("@/components/auth/msal-session").then(
      (module) => live && setMsal({ Session: module.MsalSession }),
      (error: unknown) => live && setMsal({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const { forget } = session;
  const endSession = useCallback(
    (message: string) => {
      queryClient.clear();
      setNotice(message);
      void forget();
    },
    [queryClient, forget],
  );
  useEffect(() => {
    const onInvalid = () => endSession("Your session is no longer valid. Sign in again.");
    sessionEvents.addEventListener("invalid", onInvalid);
    return () => sessionEvents.removeEventListener("invalid", onInvalid);
  }, [sessionEvents, endSession]);

  const ui = useMemo(() => ({ config, notice, endSession }), [config, notice, endSession]);
  if (msal && "error" in msal)
    return (
      <SignInUnavailable
        message="The sign-in code could not be loaded. Reload the page to try again."
        detail={msal.error}
      />
    );
  return (
    <QueryClientProvider client={queryClient}>
      {msal ? <msal.Session config={config} onSession={setSession} onNotice={setNotice} /> : null}
      <AuthSessionProvider value={session}>
        <AuthUiProvider value={ui}>
          <AuthGate>{children}</AuthGate>
        </AuthUiProvider>
      </AuthSessionProvider>
    </QueryClientProvider>
  );
}
