import "server-only";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { rolesFromClaim, type Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getAuthSettings } from "./config";
import { getDiscovery } from "./discovery";

/** The caller, as established by a verified access token for the console API. */
export interface AuthUser {
  /** Entra object id: the stable key for a user (`sub` is pairwise per app). */
  oid: string;
  tenantId: string;
  name: string;
  upn: string;
  roles: Role[];
}

export const API_SCOPE_NAME = "access_as_user";
// Entra ID's documented tolerance is 5 minutes; one minute covers real clock drift without stretching expiry much.
const CLOCK_TOLERANCE_SECONDS = 60;

type RemoteJwks = ReturnType<typeof createRemoteJWKSet>;
const g = globalThis as typeof globalThis & { __consoleJwks?: Map<string, RemoteJwks> };

function jwksFor(uri: string): RemoteJwks {
  const cache = (g.__consoleJwks ??= new Map());
  let jwks = cache.get(uri);
  if (!jwks) {
    // jose caches the keys and refetches (rate-limited) when a token names an unknown kid, so key rollover works.
    jwks = createRemoteJWKSet(new URL(uri));
    cache.set(uri, jwks);
  }
  return jwks;
}

const unauthorized = (detail: string, error?: unknown) => new AppError("unauthorized:auth", detail, { error });

/**
 * Verifies a bearer token for the console API: RS256 signature against the authority's JWKS, issuer, audience
 * (the API's client id or `api://<id>`), expiry and the `access_as_user` delegated scope. Throws AppError
 * `unauthorized:auth` (401) for any bad token, `offline:auth` (503) when the keys cannot be fetched.
 */
export async function verifyAccessToken(token: string): Promise<AuthUser> {
  const settings = getAuthSettings();
  const { metadata } = await getDiscovery(settings.discoveryUrl);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwksFor(metadata.jwks_uri), {
      issuer: metadata.issuer,
      audience: [settings.apiClientId, `api://${settings.apiClientId}`],
      algorithms: ["RS256"],
      requiredClaims: ["exp", "iat"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw mapJoseError(error);
  }

  // App-only tokens (client credentials) carry roles but no scp: the console acts for users only.
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
  if (!scopes.includes(API_SCOPE_NAME)) throw unauthorized(`The token lacks the ${API_SCOPE_NAME} scope.`);
  const oid = stringClaim(payload, "oid");
  if (!oid) throw unauthorized("The token has no oid claim.");
  const upn = stringClaim(payload, "preferred_username") ?? stringClaim(payload, "upn") ?? oid;
  return {
    oid,
    tenantId: stringClaim(payload, "tid") ?? settings.tenantId,
    name: stringClaim(payload, "name") ?? upn,
    upn,
    roles: rolesFromClaim(payload.roles),
  };
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function mapJoseError(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) return unauthorized("The token has expired.", error);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return unauthorized("The token is not for this API (audience).", error);
    if (error.claim === "iss") return unauthorized("The token was issued by another authority.", error);
    return unauthorized(`The token's ${error.claim} claim is invalid.`, error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return unauthorized("The token signature is not valid.", error);
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return new AppError("offline:auth", "The identity provider's signing keys could not be loaded.", { error });
  if (error instanceof errors.JOSEError) return unauthorized("The token is malformed.", error);
  // Not a JOSE error: the JWKS fetch itself failed (connection refused, DNS).
  return new AppError("offline:auth", "The identity provider's signing keys could not be loaded.", { error });
}
