import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/app/providers";
import { AppError, redact } from "@/lib/errors";
// eslint-disable-next-line no-restricted-imports -- a server component reading the runtime sign-in settings, not data
import { getPublicAuthConfig } from "@/lib/server/auth/public-config";
import { SignInUnavailable } from "./sign-in-unavailable";

/**
 * Server component: reads the sign-in configuration per request (so one build serves both modes) and renders the
 * client providers with it. If the identity provider cannot be reached, says so instead of failing the page.
 */
export async function AuthRoot({ children }: { children: ReactNode }) {
  await connection();
  let config;
  try {
    config = await getPublicAuthConfig();
  } catch (error) {
    console.error(
      "[auth]",
      redact(error instanceof Error ? `${error.message} ${(error as AppError).detail ?? ""}` : String(error)),
    );
    const appError = error instanceof AppError ? error : undefined;
    return (
      <SignInUnavailable
        message={appError?.message ?? "The sign-in configuration could not be loaded."}
        detail={appError?.detail}
      />
    );
  }
  return <Providers config={config}>{children}</Providers>;
}
