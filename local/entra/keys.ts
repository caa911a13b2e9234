import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from "jose";

const ALG = "RS256";
const KEY_FILE = "signing-key.pem";

export interface SigningKeys {
  kid: string;
  jwks: { keys: JWK[] };
  /** Signs with our key; `typ` distinguishes tokens (JWT) from our own opaque artefacts (sessions, refresh tokens). */
  sign(claims: JWTPayload, options: { issuer: string; lifetimeSeconds: number; typ?: string }): Promise<string>;
  /** Verifies signature, issuer, audience, lifetime and `typ`; throws on any mismatch. */
  verify(token: string, options: { issuer: string; audience: string | string[]; typ?: string }): Promise<JWTPayload>;
}

/**
 * Loads the RS256 key from `dataDir` or creates it there, so tokens stay valid across restarts; without a
 * `dataDir` the key lives only in memory (tests). The kid is the key's JWK thumbprint, stable for the key.
 */
export async function loadSigningKeys(dataDir?: string): Promise<SigningKeys> {
  const privateKey = await loadOrCreatePrivateKey(dataDir);
  const publicJwk = await exportJWK(privateKey);
  // A private JWK exported from a private key carries d/p/q…: keep only the public members.
  const { kty, n, e } = publicJwk;
  const kid = await calculateJwkThumbprint({ kty, n, e });
  const jwk: JWK = { kty, n, e, kid, use: "sig", alg: ALG };
  const localJwks = createLocalJWKSet({ keys: [jwk] });

  return {
    kid,
    jwks: { keys: [jwk] },
    sign(claims, { issuer, lifetimeSeconds, typ = "JWT" }) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ALG, typ, kid })
        .setIssuer(issuer)
        .setIssuedAt()
        .setNotBefore("-5s")
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(privateKey);
    },
    async verify(token, { issuer, audience, typ = "JWT" }) {
      const { payload } = await jwtVerify(token, localJwks, { issuer, audience, typ, algorithms: [ALG] });
      return payload;
    },
  };
}

async function loadOrCreatePrivateKey(dataDir?: string): Promise<CryptoKey> {
  const file = dataDir ? join(dataDir, KEY_FILE) : undefined;
  if (file) {
    const pem = await readFile(file, "utf8").catch(() => undefined);
    if (pem) return importPKCS8(pem, ALG, { extractable: true });
  }
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  if (file && dataDir) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, await exportPKCS8(privateKey), { mode: 0o600 });
  }
  return privateKey;
}
