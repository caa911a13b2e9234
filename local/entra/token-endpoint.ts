import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { handleClientCredentials, handleOnBehalfOf } from "./app-grants";
import type { IdpContext } from "./context";
import { findClient, type ClientApp } from "./directory";
import { IdpError, invalidClient, missingParameter } from "./errors";
import { readForm } from "./http";
import type { TokenResponse } from "./token-response";
import { handleAuthorizationCode, handleRefreshToken } from "./user-grants";

export const OBO_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** The calling client, after checking its secret (confidential) or its absence (public). */
export interface AuthenticatedClient {
  client: ClientApp;
  /** True when a secret was checked: confidential clients only. */
  authenticated: boolean;
}

export type GrantHandler = (
  ctx: IdpContext,
  form: URLSearchParams,
  caller: AuthenticatedClient,
) => Promise<Partial<TokenResponse>>;

const GRANTS: Record<string, GrantHandler> = {
  authorization_code: handleAuthorizationCode,
  refresh_token: handleRefreshToken,
  client_credentials: handleClientCredentials,
  [OBO_GRANT]: handleOnBehalfOf,
};

/** POST /{tenant}/oauth2/v2.0/token. Throws IdpError for every OAuth error (the server renders it). */
export async function handleToken(ctx: IdpContext, req: IncomingMessage): Promise<Partial<TokenResponse>> {
  const form = await readForm(req);
  const grantType = form.get("grant_type");
  if (!grantType) throw missingParameter("grant_type");
  const handler = GRANTS[grantType];
  if (!handler) {
    throw new IdpError("unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);
  }
  return handler(ctx, form, authenticateClient(req, form));
}

function authenticateClient(req: IncomingMessage, form: URLSearchParams): AuthenticatedClient {
  const basic = parseBasic(req.headers.authorization);
  const clientId = basic?.id ?? form.get("client_id");
  if (!clientId) throw missingParameter("client_id");
  const client = findClient(clientId);
  if (!client) throw invalidClient(clientId);
  const secret = basic?.secret ?? form.get("client_secret");
  if (form.has("client_assertion")) {
    throw new IdpError(
      "invalid_client",
      700027,
      "Client assertions (certificates) are not supported by the local identity provider; use the client secret.",
      401,
    );
  }
  if (!client.secret) {
    if (secret)
      throw new IdpError(
        "invalid_client",
        700025,
        "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        401,
      );
    return { client, authenticated: false };
  }
  if (!secret)
    throw new IdpError(
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    );
  if (!safeEqual(secret, client.secret)) {
    throw new IdpError(
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`,
      401,
    );
  }
  return { client, authenticated: true };
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
