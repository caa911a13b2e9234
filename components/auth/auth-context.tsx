"use client";

import { createContext, useContext } from "react";
import type { PublicAuthConfig } from "@/lib/auth/public-config";

export interface AuthUiState {
  config: PublicAuthConfig;
  /** Why the user is looking at the sign-in screen, when it is not a first visit. */
  notice: string | undefined;
  /** Forget the local session (no redirect) and show the sign-in screen with `notice`. */
  endSession(notice: string): void;
}

const AuthUiContext = createContext<AuthUiState | undefined>(undefined);
export const AuthUiProvider = AuthUiContext.Provider;

export function useAuthUi(): AuthUiState {
  const value = useContext(AuthUiContext);
  if (!value) throw new Error("useAuthUi must be used inside <Providers>");
  return value;
}
