import "server-only";
import type { PublicAuthConfig } from "@/lib/auth/public-config";
import { getAuthSettings } from "./config";
import { getDiscovery } from "./discovery";

/** The browser's MSAL settings for this server (see lib/auth/public-config.ts). */
export async function getPublicAuthConfig(): Promise<PublicAuthConfig> {
  const settings = getAuthSettings();
  const config: PublicAuthConfig = {
    clientId: settings.spaClientId,
    authority: settings.msalAuthority,
    knownAuthorities: settings.knownAuthorities,
    apiScope: settings.apiScope,
    mode: settings.mode,
  };
  if (settings.metadataForMsal) config.authorityMetadata = (await getDiscovery(settings.discoveryUrl)).json;
  return config;
}
