import { randomUUID } from "node:crypto";
import { clientInfo, idTokenClaims, userAccessTokenClaims } from "./claims";
import { ACCESS_TOKEN_LIFETIME_S, REFRESH_TOKEN_LIFETIME_S, type IdpContext } from "./context";
import type { DemoUser } from "./directory";
import { IdpError } from "./errors";
import type { ScopeRequest } from "./scopes";

/** The token endpoint's success body, as Entra ID v2.0 sends it. */
export interface TokenResponse {
  token_type: "Bearer";
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  client_info?: string;
}

export interface UserGrant {
  user: DemoUser;
  clientId: string;
  clientAuthenticated: boolean;
  scopes: ScopeRequest;
  /** Only on the authorization-code grant: a refreshed ID token carries no nonce (msal-node rejects one it didn't send). */
  nonce?: string;
  sid: string;
  wantsClientInfo: boolean;
}

const REFRESH_TYP = "rt+jwt";
const refreshAudience = (ctx: IdpContext) => `${ctx.issuer}/refresh`;

export async function issueUserTokens(ctx: IdpContext, grant: UserGrant): Promise<TokenResponse> {
  const { user, scopes } = grant;
  const sign = (claims: Record<string, unknown>, lifetimeSeconds = ACCESS_TOKEN_LIFETIME_S, typ?: string) =>
    ctx.keys.sign(claims, { issuer: ctx.issuer, lifetimeSeconds, typ });
  const oidc = new Set(scopes.oidc.map((s) => s.toLowerCase()));
  const body: TokenResponse = {
    token_type: "Bearer",
    scope: [...scopes.granted, ...scopes.oidc].join(" "),
    expires_in: ACCESS_TOKEN_LIFETIME_S - 1,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S - 1,
    access_token: await sign(
      userAccessTokenClaims(user, ctx.tenant, scopes, grant.clientId, grant.clientAuthenticated),
    ),
  };
  if (oidc.has("openid"))
    body.id_token = await sign(idTokenClaims(user, ctx.tenant, grant.clientId, grant.nonce, grant.sid));
  if (oidc.has("offline_access")) {
    // Signed rather than stored so it survives a restart; the jti makes it single-use (rotation).
    body.refresh_token = await sign(
      { aud: refreshAudience(ctx), jti: randomUUID(), oid: user.oid, sid: grant.sid, cid: grant.clientId },
      REFRESH_TOKEN_LIFETIME_S,
      REFRESH_TYP,
    );
  }
  if (grant.wantsClientInfo) body.client_info = clientInfo(user.oid, ctx.tenant);
  return body;
}

export interface RefreshClaims {
  oid: string;
  sid: string;
  clientId: string;
  jti: string;
  expiresAtMs: number;
}

export async function readRefreshToken(ctx: IdpContext, token: string): Promise<RefreshClaims> {
  const payload = await ctx.keys
    .verify(token, { issuer: ctx.issuer, audience: refreshAudience(ctx), typ: REFRESH_TYP })
    .catch(() => {
      throw new IdpError(
        "invalid_grant",
        9002313,
        "Invalid request. Request is malformed or invalid: the refresh token is not valid.",
      );
    });
  const { oid, sid, cid, jti, exp } = payload as Record<string, unknown>;
  if (
    typeof oid !== "string" ||
    typeof sid !== "string" ||
    typeof cid !== "string" ||
    typeof jti !== "string" ||
    typeof exp !== "number"
  ) {
    throw new IdpError(
      "invalid_grant",
      9002313,
      "Invalid request. Request is malformed or invalid: the refresh token is not valid.",
    );
  }
  return { oid, sid, clientId: cid, jti, expiresAtMs: exp * 1000 };
}
