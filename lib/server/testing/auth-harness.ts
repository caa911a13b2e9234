import "server-only";
import { generateKeyPair, decodeJwt, SignJWT, type JWTPayload } from "jose";
import { clientCredentials, onBehalfOf, signInHeadless } from "@/local/entra/dev-client";
import { API_APP_ID_URI, API_SCOPE, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET } from "@/local/entra/directory";
import { loadSigningKeys } from "@/local/entra/keys";
import type { RunningIdp } from "@/local/entra/server";
import { startTestIdp } from "@/local/entra/testing/idp-fixture";

/**
 * Test harness: the real local IdP in-process (port 0) with the app pointed at it (LOCAL_ENTRA_URL), and one
 * token per case of the route × token table. User tokens come from the IdP's real authorize + token endpoints,
 * as `scripts/local-token.ts` gets them; the two forged ones are signed here on purpose.
 */
export interface TokenCases {
  admin: string;
  viewer: string;
  /** The admin's claims re-signed by the IdP's own key, expired an hour ago. */
  expired: string;
  /** The viewer's claims signed by a different key that claims the IdP's kid. */
  badSignature: string;
  /** A real IdP token for another resource (the local engine) instead of the console API. */
  wrongAudience: string;
  /** A real app-only token for the API (client credentials): right audience, no user, no scp. */
  appOnly: string;
}

export interface AuthHarness {
  idp: RunningIdp;
  tokens: TokenCases;
  stop(): Promise<void>;
}

export const ENGINE_RESOURCE = "http://127.0.0.1:8080";

export async function startAuthHarness(): Promise<AuthHarness> {
  const fixture = await startTestIdp();
  const { idp } = fixture;
  const previous = process.env.LOCAL_ENTRA_URL;
  process.env.LOCAL_ENTRA_URL = idp.url;

  const [admin, viewer] = await Promise.all(
    (["admin", "viewer"] as const).map(
      async (user) => (await signInHeadless({ idpUrl: idp.url, user, scopes: [API_SCOPE] })).access_token,
    ),
  );
  const claims = stripRegistered(decodeJwt(admin!));
  // Same data folder as the running IdP, so this is the IdP's key and kid.
  const keys = await loadSigningKeys(fixture.dataDir);
  const expired = await keys.sign(claims, { issuer: idp.issuer(), lifetimeSeconds: -3600 });
  const otherKey = (await generateKeyPair("RS256")).privateKey;
  const badSignature = await new SignJWT(stripRegistered(decodeJwt(viewer!)))
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keys.kid })
    .setIssuer(idp.issuer())
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(otherKey);
  const wrongAudience = (await onBehalfOf(idp.url, viewer!, ENGINE_RESOURCE)).access_token;
  const appOnly = (await clientCredentials(idp.url, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET, API_APP_ID_URI))
    .access_token;

  return {
    idp,
    tokens: { admin: admin!, viewer: viewer!, expired, badSignature, wrongAudience, appOnly },
    async stop() {
      if (previous === undefined) delete process.env.LOCAL_ENTRA_URL;
      else process.env.LOCAL_ENTRA_URL = previous;
      await fixture.stop();
    },
  };
}

function stripRegistered(payload: JWTPayload): JWTPayload {
  const { iat: _iat, nbf: _nbf, exp: _exp, iss: _iss, ...rest } = payload;
  return rest;
}
