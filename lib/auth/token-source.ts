import { InteractionRequiredAuthError, type IPublicClientApplication } from "@azure/msal-browser";
import { ApiError, type TokenSource } from "@/lib/api/client";

/**
 * Tokens for the console API from MSAL: silently from its cache or with the refresh token; when Entra ID needs the
 * user (expired session, consent, MFA, a claims challenge) a full-page redirect, which returns to the same page.
 */
export function createMsalTokenSource(instance: IPublicClientApplication, apiScope: string): TokenSource {
  const scopes = [apiScope];
  const account = () => instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null;

  return {
    async getToken({ forceRefresh = false } = {}) {
      // Resolves at once when MsalProvider has initialised; guards calls made before that.
      await instance.initialize();
      const current = account();
      if (!current) throw new ApiError("unauthorized:auth", "You need to sign in to continue.", 401);
      try {
        return (await instance.acquireTokenSilent({ scopes, account: current, forceRefresh })).accessToken;
      } catch (error) {
        if (!(error instanceof InteractionRequiredAuthError)) throw error;
        await instance.acquireTokenRedirect({ scopes, account: current });
        throw new ApiError("unauthorized:auth", "Signing you in again…", 401);
      }
    },
    async onClaimsChallenge(claims) {
      await instance.acquireTokenRedirect({ scopes, account: account() ?? undefined, ...(claims ? { claims } : {}) });
    },
  };
}
