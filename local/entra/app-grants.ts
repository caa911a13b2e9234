import { randomUUID } from "node:crypto";
import { errors as joseErrors, type JWTPayload } from "jose";
import { appAccessTokenClaims } from "./claims";
import { ACCESS_TOKEN_LIFETIME_S } from "./context";
import { findUser } from "./directory";
import { IdpError, missingParameter } from "./errors";
import { parseScopes } from "./scopes";
import type { GrantHandler } from "./token-endpoint";
import { issueUserTokens } from "./token-response";

/** grant_type=client_credentials: confidential clients only, exactly one `<resource>/.default` scope. */
export const handleClientCredentials: GrantHandler = async (ctx, form, caller) => {
  if (!caller.authenticated) {
    throw new IdpError(
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    );
  }
  const raw = form.get("scope");
  if (!raw) throw missingParameter("scope");
  const scopes = parseScopes(raw);
  if (!scopes.isDefault || scopes.oidc.length > 0) {
    throw new IdpError(
      "invalid_scope",
      1002012,
      `The provided value for scope ${raw} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const accessToken = await ctx.keys.sign(appAccessTokenClaims(caller.client, ctx.tenant, scopes.resource), {
    issuer: ctx.issuer,
    lifetimeSeconds: ACCESS_TOKEN_LIFETIME_S,
  });
  return {
    token_type: "Bearer",
    scope: scopes.granted.join(" "),
    expires_in: ACCESS_TOKEN_LIFETIME_S - 1,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S - 1,
    access_token: accessToken,
  };
};

/**
 * On-Behalf-Of (jwt-bearer + requested_token_use=on_behalf_of): a confidential API swaps a user's token issued
 * to it (aud = its client id or `api://<id>`) for a token for another resource, for the same user.
 */
export const handleOnBehalfOf: GrantHandler = async (ctx, form, caller) => {
  if (form.get("requested_token_use") !== "on_behalf_of") {
    throw new IdpError(
      "invalid_request",
      50027,
      "Invalid JWT token: the On-Behalf-Of flow requires requested_token_use=on_behalf_of.",
    );
  }
  if (!caller.authenticated) {
    throw new IdpError(
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    );
  }
  const assertion = form.get("assertion");
  if (!assertion) throw missingParameter("assertion");
  const apiId = caller.client.clientId;
  const payload = await verifyAssertion(() =>
    ctx.keys.verify(assertion, { issuer: ctx.issuer, audience: [apiId, `api://${apiId}`] }),
  );
  if (payload.idtyp === "app" || typeof payload.scp !== "string") {
    throw new IdpError(
      "invalid_grant",
      50013,
      "Assertion is an app-only token: On-Behalf-Of needs a delegated (user) token.",
    );
  }
  const user = findUser(typeof payload.oid === "string" ? payload.oid : undefined);
  if (!user)
    throw new IdpError("invalid_grant", 50034, "The user account does not exist in the 'contoso.local' directory.");
  const raw = form.get("scope");
  if (!raw) throw missingParameter("scope");
  return issueUserTokens(ctx, {
    user,
    clientId: apiId,
    clientAuthenticated: true,
    scopes: parseScopes(raw),
    sid: typeof payload.sid === "string" ? payload.sid : randomUUID(),
    wantsClientInfo: form.get("client_info") === "1",
  });
};

async function verifyAssertion(verify: () => Promise<JWTPayload>): Promise<JWTPayload> {
  try {
    return await verify();
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      throw new IdpError("invalid_grant", 500133, "Assertion is not within its valid time range.");
    }
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "aud") {
      throw new IdpError(
        "invalid_grant",
        50013,
        "Assertion audience claim does not match the required value: the token was not issued for the calling application.",
      );
    }
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "iss") {
      throw new IdpError("invalid_grant", 50013, "Assertion issuer is not this tenant.");
    }
    throw new IdpError("invalid_grant", 50013, "Assertion failed signature validation.");
  }
}
