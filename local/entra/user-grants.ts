import { createHash } from "node:crypto";
import type { IdpContext } from "./context";
import { findUser } from "./directory";
import { IdpError, missingParameter } from "./errors";
import { parseScopes } from "./scopes";
import type { GrantHandler } from "./token-endpoint";
import { issueUserTokens, readRefreshToken } from "./token-response";

/** grant_type=authorization_code: single-use code, same client and redirect URI, PKCE S256. */
export const handleAuthorizationCode: GrantHandler = async (ctx, form, caller) => {
  const code = form.get("code");
  if (!code) throw missingParameter("code");
  const redeemed = ctx.store.redeemCode(code);
  if (!redeemed) {
    throw new IdpError(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    );
  }
  const { record, alreadyRedeemed } = redeemed;
  if (alreadyRedeemed)
    throw new IdpError(
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    );
  const { request } = record;
  if (request.clientId !== caller.client.clientId) {
    throw new IdpError(
      "invalid_grant",
      700005,
      "Provided Authorization Code is intended to use against other tenant or client, thus rejected.",
    );
  }
  const redirectUri = form.get("redirect_uri");
  if (redirectUri !== request.redirectUri) {
    throw new IdpError(
      "invalid_grant",
      500112,
      `The reply address '${redirectUri ?? ""}' does not match the reply address '${request.redirectUri}' provided when requesting Authorization code.`,
    );
  }
  if (request.codeChallenge) {
    const verifier = form.get("code_verifier");
    if (!verifier) throw missingParameter("code_verifier");
    const computed = createHash("sha256").update(verifier).digest("base64url");
    if (computed !== request.codeChallenge) {
      throw new IdpError(
        "invalid_grant",
        501481,
        "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
      );
    }
  }
  const user = requireUser(record.oid);
  return issueUserTokens(ctx, {
    user,
    clientId: caller.client.clientId,
    clientAuthenticated: caller.authenticated,
    scopes: parseScopes(form.get("scope") ?? request.scope),
    nonce: request.nonce,
    sid: record.sid,
    wantsClientInfo: form.get("client_info") === "1",
  });
};

/** grant_type=refresh_token: rotating, bound to the client; may target another resource (as Entra's are). */
export const handleRefreshToken: GrantHandler = async (ctx: IdpContext, form, caller) => {
  const token = form.get("refresh_token");
  if (!token) throw missingParameter("refresh_token");
  const rt = await readRefreshToken(ctx, token);
  if (rt.clientId !== caller.client.clientId) {
    throw new IdpError(
      "invalid_grant",
      70000,
      "Provided grant is invalid or malformed: the refresh token was issued to a different client.",
    );
  }
  if (!ctx.store.redeemRefreshId(rt.jti, rt.expiresAtMs)) {
    throw new IdpError(
      "invalid_grant",
      70000,
      "Provided grant is invalid or malformed: the refresh token was already redeemed.",
    );
  }
  return issueUserTokens(ctx, {
    user: requireUser(rt.oid),
    clientId: caller.client.clientId,
    clientAuthenticated: caller.authenticated,
    scopes: parseScopes(form.get("scope") ?? "openid profile offline_access"),
    sid: rt.sid,
    wantsClientInfo: form.get("client_info") === "1",
  });
};

function requireUser(oid: string) {
  const user = findUser(oid);
  if (!user)
    throw new IdpError("invalid_grant", 50034, "The user account does not exist in the 'contoso.local' directory.");
  return user;
}
