import { createHash } from "node:crypto";
import { API_SCOPE, SPA_CLIENT_ID, TENANT_ID } from "../directory";
import type { RunningIdp } from "../server";

/** Raw wire helpers for the protocol tests: the requests msal-browser makes, without MSAL in between. */

export const REDIRECT = "http://127.0.0.1:3000/auth/redirect";
export const ORIGIN = "http://127.0.0.1:3000";
export const VERIFIER = "v".repeat(50);
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");

export function wire(idp: RunningIdp) {
  const base = `${idp.url}/${TENANT_ID}`;
  const authorizeUrl = (extra: Record<string, string> = {}): string => {
    const params = new URLSearchParams({
      client_id: SPA_CLIENT_ID,
      response_type: "code",
      redirect_uri: REDIRECT,
      scope: `${API_SCOPE} openid profile offline_access`,
      state: "st",
      nonce: "nn",
      code_challenge: CHALLENGE,
      code_challenge_method: "S256",
      response_mode: "fragment",
      client_info: "1",
      ...extra,
    });
    return `${base}/oauth2/v2.0/authorize?${params}`;
  };
  const token = async (params: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(params),
    });
    return { res, body: (await res.json()) as Record<string, unknown> };
  };
  const redeem = (code: string, extra: Record<string, string> = {}) =>
    token({
      grant_type: "authorization_code",
      client_id: SPA_CLIENT_ID,
      code,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
      scope: `${API_SCOPE} openid profile offline_access`,
      ...extra,
    });
  return { base, authorizeUrl, token, redeem };
}
