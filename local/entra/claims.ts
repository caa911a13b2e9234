import { createHash, randomUUID } from "node:crypto";
import type { JWTPayload } from "jose";
import { API_APP_ID_URI, type ClientApp, type DemoUser } from "./directory";
import type { ScopeRequest } from "./scopes";

/**
 * Claim sets of the tokens we issue. Shapes follow Entra ID v2.0 tokens for the claims the console, the engine
 * and MSAL read (`oid`, `tid`, `name`, `preferred_username`, `scp`, `roles`, `azp`, `nonce`, `sub`).
 */

/** Entra's `sub` is pairwise (differs per app), so consumers must key users by `oid`; we mimic that. */
export function pairwiseSub(oid: string, appId: string): string {
  return createHash("sha256").update(`${oid}|${appId}`).digest("base64url");
}

/** A stable GUID-shaped object id for a client's service principal (app tokens carry one as `oid`). */
export function servicePrincipalOid(clientId: string): string {
  const h = createHash("sha256").update(`sp|${clientId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function clientInfo(oid: string, tenant: string): string {
  return Buffer.from(JSON.stringify({ uid: oid, utid: tenant })).toString("base64url");
}

export function idTokenClaims(
  user: DemoUser,
  tenant: string,
  clientId: string,
  nonce: string | undefined,
  sid: string,
): JWTPayload {
  return {
    aud: clientId,
    oid: user.oid,
    sub: pairwiseSub(user.oid, clientId),
    tid: tenant,
    name: user.name,
    preferred_username: user.upn,
    // Real Entra ID puts roles in the ID token only when the app roles are also assigned on the SPA registration.
    roles: [...user.roles],
    ...(nonce ? { nonce } : {}),
    sid,
    ver: "2.0",
    uti: randomUUID(),
  };
}

export function userAccessTokenClaims(
  user: DemoUser,
  tenant: string,
  scopes: ScopeRequest,
  azp: string,
  clientAuthenticated: boolean,
): JWTPayload {
  // Console roles are app roles of our API: only tokens for the API carry them.
  const roles = scopes.resource === API_APP_ID_URI ? [...user.roles] : [];
  return {
    aud: scopes.resource,
    oid: user.oid,
    sub: pairwiseSub(user.oid, scopes.resource),
    tid: tenant,
    name: user.name,
    preferred_username: user.upn,
    scp: scopes.scopeNames.join(" "),
    ...(roles.length > 0 ? { roles } : {}),
    azp,
    azpacr: clientAuthenticated ? "1" : "0",
    idtyp: "user",
    ver: "2.0",
    uti: randomUUID(),
  };
}

export function appAccessTokenClaims(client: ClientApp, tenant: string, resource: string): JWTPayload {
  const oid = servicePrincipalOid(client.clientId);
  return {
    aud: resource,
    oid,
    sub: oid,
    tid: tenant,
    ...(client.appRoles.length > 0 ? { roles: [...client.appRoles] } : {}),
    azp: client.clientId,
    appid: client.clientId,
    azpacr: "1",
    idtyp: "app",
    ver: "2.0",
    uti: randomUUID(),
  };
}
