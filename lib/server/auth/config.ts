import "server-only";
import { type env, MICROSOFT_AUTHORITY_HOSTS, type Mode, parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { API_CLIENT_ID, API_CLIENT_SECRET, SPA_CLIENT_ID, TENANT_ID } from "@/local/entra/directory";

/**
 * Where the console's identity settings come from, per mode (DESIGN "Two modes, one build"):
 * - connected: real Entra ID; the authority host must be a Microsoft cloud (lib/env validates it, this re-checks).
 * - local: the local IdP (`local/entra`) in setup B (platform-notes §4.3): MSAL gets the never-contacted https
 *   authority `https://localidp.invalid/<tenant>` plus the IdP's discovery JSON, fetched by the server.
 * Read per call, never at module load, because `next build` evaluates route modules without runtime env.
 */

/** MSAL refuses http authorities; this host is never contacted because MSAL gets the metadata up front. */
export const LOCAL_AUTHORITY_HOST = "localidp.invalid";

type EnvValues = Pick<
  typeof env,
  | "mode"
  | "LOCAL_MODE"
  | "ENTRA_TENANT_ID"
  | "ENTRA_SPA_CLIENT_ID"
  | "ENTRA_API_CLIENT_ID"
  | "ENTRA_API_CLIENT_SECRET"
  | "ENTRA_AUTHORITY_HOST"
  | "LOCAL_ENTRA_URL"
  | "LOCAL_ADX_URL"
> & { KUSTO_CLUSTER_URL?: string | undefined };

export interface AuthSettings {
  mode: Mode;
  tenantId: string;
  /** The SPA (public client) registration the browser signs in with. */
  spaClientId: string;
  /** The API registration: audience of the tokens we accept, and the confidential client doing On-Behalf-Of. */
  apiClientId: string;
  apiClientSecret: string;
  /** `api://<apiClientId>/access_as_user`. */
  apiScope: string;
  /** The authority string MSAL (browser and node) gets. Always https. */
  msalAuthority: string;
  knownAuthorities: string[];
  /** Where the server reads the OpenID configuration (issuer, jwks_uri). */
  discoveryUrl: string;
  /** Setup B: MSAL must be handed the discovery JSON because its authority is never contacted. */
  metadataForMsal: boolean;
  /** The cluster On-Behalf-Of tokens are for; in local mode the local engine. */
  clusterUrl: string | undefined;
}

function configError(detail: string): AppError {
  return new AppError("internal:auth", detail, { message: "Sign-in is not configured correctly on the server." });
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");
const isLoopback = (url: string) => ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);

/** Pure resolution from validated env values; exported for tests. */
export function resolveAuthSettings(values: EnvValues): AuthSettings {
  const local = values;

  if (values.mode === "local") {
    const entraConfigured = !!(values.ENTRA_TENANT_ID || values.ENTRA_API_CLIENT_ID || values.ENTRA_API_CLIENT_SECRET);
    // Entra settings without a cluster URL look like a half-configured production server: trusting the local IdP
    // there would let anyone who can serve on that port mint tokens. Local mode must then be asked for explicitly.
    if (entraConfigured && !values.LOCAL_MODE)
      throw configError(
        "ENTRA_* variables are set but KUSTO_CLUSTER_URL is not: set KUSTO_CLUSTER_URL for connected mode, or LOCAL_MODE=1 to use the local identity provider.",
      );
    if (!isLoopback(local.LOCAL_ENTRA_URL) && !values.LOCAL_MODE)
      throw configError("LOCAL_ENTRA_URL is not a loopback address: set LOCAL_MODE=1 to trust it explicitly.");
    const idp = trimSlash(local.LOCAL_ENTRA_URL);
    // Setup A (platform-notes §4.2) when the local IdP serves https: MSAL discovers it itself, as it does Entra ID
    // (the canary of MSAL's real discovery path; Node must trust its CA through NODE_EXTRA_CA_CERTS).
    const setupA = new URL(idp).protocol === "https:";
    return {
      mode: "local",
      tenantId: TENANT_ID,
      spaClientId: local.ENTRA_SPA_CLIENT_ID ?? SPA_CLIENT_ID,
      apiClientId: API_CLIENT_ID,
      apiClientSecret: API_CLIENT_SECRET,
      apiScope: `api://${API_CLIENT_ID}/access_as_user`,
      msalAuthority: setupA ? `${idp}/${TENANT_ID}` : `https://${LOCAL_AUTHORITY_HOST}/${TENANT_ID}`,
      knownAuthorities: [setupA ? new URL(idp).host : LOCAL_AUTHORITY_HOST],
      discoveryUrl: `${idp}/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
      metadataForMsal: !setupA,
      clusterUrl: trimSlash(local.LOCAL_ADX_URL),
    };
  }

  const { ENTRA_TENANT_ID: tenantId, ENTRA_API_CLIENT_ID: apiClientId, ENTRA_API_CLIENT_SECRET: secret } = values;
  const spaClientId = local.ENTRA_SPA_CLIENT_ID;
  if (!tenantId || !apiClientId || !secret || !spaClientId)
    throw configError(
      "connected mode needs ENTRA_TENANT_ID, ENTRA_SPA_CLIENT_ID, ENTRA_API_CLIENT_ID and ENTRA_API_CLIENT_SECRET.",
    );
  const host = new URL(values.ENTRA_AUTHORITY_HOST ?? "https://login.microsoftonline.com");
  if (host.protocol !== "https:" || !(MICROSOFT_AUTHORITY_HOSTS as readonly string[]).includes(host.hostname))
    throw configError(`refusing the non-Microsoft authority ${host.origin} outside local mode.`);
  return {
    mode: "connected",
    tenantId,
    spaClientId,
    apiClientId,
    apiClientSecret: secret,
    apiScope: `api://${apiClientId}/access_as_user`,
    msalAuthority: `${host.origin}/${tenantId}`,
    knownAuthorities: [],
    discoveryUrl: `${host.origin}/${tenantId}/v2.0/.well-known/openid-configuration`,
    metadataForMsal: false,
    clusterUrl: values.KUSTO_CLUSTER_URL && trimSlash(values.KUSTO_CLUSTER_URL),
  };
}

/** The settings for this process's environment. Throws AppError `internal:auth` on an unusable configuration. */
export function getAuthSettings(): AuthSettings {
  // Parsed per call (cheap, pure) so the runtime environment wins over what was seen at module load.
  return resolveAuthSettings(parseEnv(process.env));
}
