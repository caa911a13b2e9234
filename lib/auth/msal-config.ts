import { BrowserCacheLocation, LogLevel, ProtocolMode, type Configuration } from "@azure/msal-browser";
import type { PublicAuthConfig } from "./public-config";

/** The redirect bridge page (app/auth/redirect): register `https://<host>/auth/redirect` as an SPA redirect URI. */
export const REDIRECT_PATH = "/auth/redirect";

/**
 * Browser MSAL configuration from the server-provided settings (one build, both identity providers).
 * `origin` is `window.location.origin` in the browser; on the server a relative URI is fine (never used there).
 */
export function buildMsalConfiguration(config: PublicAuthConfig, origin = ""): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      ...(config.authorityMetadata ? { authorityMetadata: config.authorityMetadata } : {}),
      redirectUri: `${origin}${REDIRECT_PATH}`,
      postLogoutRedirectUri: `${origin}/`,
    },
    // Per tab: a shared admin workstation should not keep a session after the tab is closed.
    cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
    system: {
      protocolMode: ProtocolMode.AAD,
      loggerOptions: { logLevel: LogLevel.Warning, piiLoggingEnabled: false },
    },
  };
}
