import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The identity provider's OpenID configuration, fetched once per process and URL. The raw text is kept because
 * setup B hands it to MSAL verbatim as `authorityMetadata`.
 */
const openIdMetadataSchema = z.looseObject({
  issuer: z.string().min(1),
  jwks_uri: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
});
export type OpenIdMetadata = z.infer<typeof openIdMetadataSchema>;

export interface Discovery {
  metadata: OpenIdMetadata;
  /** The JSON document as served. */
  json: string;
}

const TIMEOUT_MS = 5_000;
const g = globalThis as typeof globalThis & { __consoleDiscovery?: Map<string, Promise<Discovery>> };

export function getDiscovery(url: string): Promise<Discovery> {
  const cache = (g.__consoleDiscovery ??= new Map());
  let entry = cache.get(url);
  if (!entry) {
    entry = load(url);
    // A failed fetch must not stick: the IdP may simply have started after the app.
    entry.catch(() => cache.delete(url));
    cache.set(url, entry);
  }
  return entry;
}

async function load(url: string): Promise<Discovery> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: "application/json" } });
  } catch (error) {
    throw new AppError("offline:auth", `The identity provider's configuration could not be loaded from ${url}.`, {
      error,
    });
  }
  const json = await res.text();
  const parsed = res.ok ? openIdMetadataSchema.safeParse(safeJson(json)) : undefined;
  if (!parsed?.success)
    throw new AppError(
      "offline:auth",
      `The identity provider answered ${res.status} with no usable OpenID configuration at ${url}.`,
    );
  return { metadata: parsed.data, json };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
