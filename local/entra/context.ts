import type { SigningKeys } from "./keys";
import type { IdpStore } from "./store";

/** What every endpoint needs: where we are, who we are, the signing key and the single-use state. */
export interface IdpContext {
  /** `http://127.0.0.1:4080` or `https://127.0.0.1:4443`, no trailing slash. */
  baseUrl: string;
  tenant: string;
  /** `{baseUrl}/{tenant}/v2.0`. */
  issuer: string;
  keys: SigningKeys;
  store: IdpStore;
  /** https: the session cookie is `SameSite=None; Secure` so silent (iframe) sign-in works cross-site. */
  secure: boolean;
}

export const ACCESS_TOKEN_LIFETIME_S = 3600;
export const REFRESH_TOKEN_LIFETIME_S = 24 * 3600;
export const SESSION_LIFETIME_S = 12 * 3600;
