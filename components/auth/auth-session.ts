"use client";

import { createContext, useContext } from "react";

/**
 * The sign-in state and actions the console's UI needs, without MSAL's types: MSAL (≈85 KB gzip) loads after the
 * first paint (components/auth/msal-session.tsx fills this in), so nothing on a page's first load imports it.
 */
export interface AuthSession {
  /**
   * `starting`: MSAL's code is still loading, or MSAL is initialising or handling a returning redirect (tokens can
   * be asked for only after that); `busy`: another interaction (sign-in, sign-out, token redirect) is running;
   * `idle`: none is.
   */
  phase: "starting" | "busy" | "idle";
  /** The signed-in account (the active one, else the first MSAL knows). */
  account: { name: string | undefined; username: string } | undefined;
  /** Full-page redirect to the identity provider (asking for the API scope up front, so API calls stay silent). */
  signIn(): Promise<void>;
  /** Full-page redirect to the identity provider's sign-out, back to `/`. */
  signOut(): Promise<void>;
  /** Forget the session in this tab without navigating (the gate then shows the sign-in screen). */
  forget(): Promise<void>;
}

const notLoaded = () => Promise.reject(new Error("Sign-in is still loading."));

/** Until the MSAL chunk has loaded: the gate shows its "Signing in…" state, as while MSAL starts up. */
export const STARTING_SESSION: AuthSession = {
  phase: "starting",
  account: undefined,
  signIn: notLoaded,
  signOut: notLoaded,
  forget: () => Promise.resolve(),
};

const AuthSessionContext = createContext<AuthSession>(STARTING_SESSION);
export const AuthSessionProvider = AuthSessionContext.Provider;

export function useAuthSession(): AuthSession {
  return useContext(AuthSessionContext);
}
