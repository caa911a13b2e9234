import "server-only";
import { createHash } from "node:crypto";
import {
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  LogLevel,
  ProtocolMode,
} from "@azure/msal-node";
import { AppError, redact } from "@/lib/errors";
import { ClaimsChallengeError } from "./claims-challenge";
import { getAuthSettings, type AuthSettings } from "./config";
import { getDiscovery } from "./discovery";

/**
 * On-Behalf-Of: swaps the user's token for our API for a token for a downstream resource (the cluster), so the
 * cluster enforces the user's own permissions. One ConfidentialClientApplication per process on globalThis (its
 * token cache is keyed by the assertion's hash; module re-evaluation in dev must not drop it).
 */
const g = globalThis as typeof globalThis & {
  __consoleOboClient?: { key: string; client: Promise<ConfidentialClientApplication> };
};

async function confidentialClient(settings: AuthSettings): Promise<ConfidentialClientApplication> {
  // Keyed by what identifies the app and authority, so a test that restarts the IdP on a new port gets a new client.
  const key = createHash("sha256")
    .update([settings.apiClientId, settings.msalAuthority, settings.discoveryUrl].join("\n"))
    .digest("hex");
  if (g.__consoleOboClient?.key !== key) {
    const client = build(settings);
    client.catch(() => {
      if (g.__consoleOboClient?.client === client) g.__consoleOboClient = undefined;
    });
    g.__consoleOboClient = { key, client };
  }
  return g.__consoleOboClient.client;
}

async function build(settings: AuthSettings): Promise<ConfidentialClientApplication> {
  return new ConfidentialClientApplication({
    auth: {
      clientId: settings.apiClientId,
      clientSecret: settings.apiClientSecret,
      authority: settings.msalAuthority,
      knownAuthorities: settings.knownAuthorities,
      // Setup B: the https authority is never contacted; MSAL uses the local IdP's endpoints from this document.
      ...(settings.metadataForMsal ? { authorityMetadata: (await getDiscovery(settings.discoveryUrl)).json } : {}),
    },
    system: {
      protocolMode: ProtocolMode.AAD,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => {
          if (level <= LogLevel.Warning) console.warn(`[msal] ${redact(message)}`);
        },
      },
    },
  });
}

/**
 * Returns an access token for `resource` (e.g. the cluster URL) on behalf of the caller whose API token is
 * `userToken`. Throws ClaimsChallengeError (401 `unauthorized:claims`) when Entra ID needs interaction,
 * `unauthorized:auth` when it refuses the assertion, `offline:auth` when it cannot be reached.
 */
export async function acquireTokenOnBehalfOf(userToken: string, resource: string): Promise<string> {
  const settings = getAuthSettings();
  const client = await confidentialClient(settings);
  const scopes = [`${resource.replace(/\/+$/, "")}/.default`];
  try {
    const result = await client.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes });
    if (!result?.accessToken) throw new AppError("internal:auth", "The identity provider returned no token.");
    return result.accessToken;
  } catch (error) {
    throw mapOboError(error);
  }
}

const INTERACTION_CODES = new Set(["interaction_required", "consent_required", "login_required"]);

function mapOboError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (
    error instanceof InteractionRequiredAuthError ||
    (error instanceof AuthError && INTERACTION_CODES.has(error.errorCode))
  )
    return new ClaimsChallengeError((error as InteractionRequiredAuthError).claims, error);
  if (error instanceof AuthError) {
    if (error.errorCode === "invalid_grant")
      return new AppError("unauthorized:auth", "The identity provider refused the sign-in for the cluster.", { error });
    if (error.errorCode === "network_error" || error.errorCode === "endpoints_resolution_error")
      return new AppError("offline:auth", undefined, { error });
    console.error("[auth] on-behalf-of failed:", error.errorCode, redact(error.errorMessage));
    return new AppError("internal:auth", `On-behalf-of failed (${error.errorCode}).`, { error });
  }
  console.error("[auth] on-behalf-of failed:", redact(error instanceof Error ? error.message : String(error)));
  return new AppError("internal:auth", undefined, { error });
}
