import { CryptoProvider, ServerError, type AuthenticationResult } from "@azure/msal-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInHeadless } from "./dev-client";
import {
  ADMIN_USER,
  API_APP_ID_URI,
  API_CLIENT_ID,
  API_CLIENT_SECRET,
  API_SCOPE,
  CONSOLE_ADMIN_ROLE,
  SPA_CLIENT_ID,
  STREAM_APP_ROLE,
  STREAM_CLIENT_ID,
  STREAM_CLIENT_SECRET,
  TENANT_ID,
} from "./directory";
import { pickUser, setupBClient, startTestIdp, verifyToken, type IdpFixture } from "./testing/idp-fixture";

// The real @azure/msal-node 7.2.3 against the in-process IdP, setup B (platform-notes §4.3).
const ENGINE = "http://127.0.0.1:8080";
const REDIRECT = "http://localhost:3000/auth/redirect";
let fx: IdpFixture;

beforeAll(async () => {
  fx = await startTestIdp();
});
afterAll(() => fx.stop());

async function expectServerError(promise: Promise<unknown>, errorCode: string, aadsts: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ServerError);
  expect((err as ServerError).errorCode).toBe(errorCode);
  // msal-node reformats the body as "Error(s): <codes> - … - Description: <error_description> - …".
  expect((err as ServerError).errorMessage).toContain(`Description: ${aadsts}:`);
}

/** getAuthCodeUrl → the user picks admin in the picker → the code MSAL will redeem. */
async function signInAsAdminWithMsal(nonce: string) {
  const cca = setupBClient(fx.idp, API_CLIENT_ID, API_CLIENT_SECRET);
  const pkce = await new CryptoProvider().generatePkceCodes();
  const state = "state-123";
  const url = await cca.getAuthCodeUrl({
    scopes: [API_SCOPE],
    redirectUri: REDIRECT,
    codeChallenge: pkce.challenge,
    codeChallengeMethod: "S256",
    nonce,
    state,
  });
  expect(url.startsWith(fx.idp.metadata().authorization_endpoint)).toBe(true);
  const { reply } = await pickUser(url, ADMIN_USER.upn);
  expect(reply.get("state")).toBe(state);
  expect(reply.get("session_state")).toBeTruthy();
  return { cca, pkce, code: reply.get("code")!, state, clientInfo: reply.get("client_info") };
}

describe("client credentials", () => {
  it("issues an app-only token and serves the second call from MSAL's cache", async () => {
    const cca = setupBClient(fx.idp, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET);
    const first = await cca.acquireTokenByClientCredential({ scopes: [`${ENGINE}/.default`] });
    expect(first?.fromCache).toBe(false);
    const claims = await verifyToken(fx.idp, first!.accessToken, ENGINE);
    expect(claims).toMatchObject({
      tid: TENANT_ID,
      azp: STREAM_CLIENT_ID,
      appid: STREAM_CLIENT_ID,
      idtyp: "app",
      roles: [STREAM_APP_ROLE],
      ver: "2.0",
    });
    expect(claims.scp).toBeUndefined();
    const second = await cca.acquireTokenByClientCredential({ scopes: [`${ENGINE}/.default`] });
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(first?.accessToken);
  });

  it("rejects a wrong client secret", async () => {
    const cca = setupBClient(fx.idp, STREAM_CLIENT_ID, "not-the-secret");
    await expectServerError(
      cca.acquireTokenByClientCredential({ scopes: [`${ENGINE}/.default`] }),
      "invalid_client",
      "AADSTS7000215",
    );
  });

  it("requires a /.default scope", async () => {
    const cca = setupBClient(fx.idp, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET);
    await expectServerError(
      cca.acquireTokenByClientCredential({ scopes: [`${ENGINE}/user_impersonation`] }),
      "invalid_scope",
      "AADSTS1002012",
    );
  });
});

describe("authorization code + PKCE", () => {
  let result: AuthenticationResult;
  let cca: ReturnType<typeof setupBClient>;

  it("redeems the code with the same nonce and returns verified tokens for the admin", async () => {
    const nonce = "nonce-abc";
    const flow = await signInAsAdminWithMsal(nonce);
    cca = flow.cca;
    result = await cca.acquireTokenByCode(
      {
        code: flow.code,
        scopes: [API_SCOPE],
        redirectUri: REDIRECT,
        codeVerifier: flow.pkce.verifier,
        nonce,
        state: flow.state,
      },
      { code: flow.code, state: flow.state, client_info: flow.clientInfo ?? undefined },
    );
    expect(result.account?.homeAccountId).toBe(`${ADMIN_USER.oid}.${TENANT_ID}`);
    expect(result.account?.username).toBe(ADMIN_USER.upn);
    const access = await verifyToken(fx.idp, result.accessToken, [API_CLIENT_ID, API_APP_ID_URI]);
    expect(access).toMatchObject({
      aud: API_APP_ID_URI,
      scp: "access_as_user",
      azp: API_CLIENT_ID,
      oid: ADMIN_USER.oid,
      tid: TENANT_ID,
      name: ADMIN_USER.name,
      preferred_username: ADMIN_USER.upn,
      roles: [CONSOLE_ADMIN_ROLE],
    });
    const id = await verifyToken(fx.idp, result.idToken, API_CLIENT_ID);
    expect(id).toMatchObject({ aud: API_CLIENT_ID, oid: ADMIN_USER.oid, tid: TENANT_ID, nonce, ver: "2.0" });
    expect(id.sub).not.toBe(ADMIN_USER.oid);
  });

  it("refreshes with acquireTokenSilent({ forceRefresh: true })", async () => {
    const refreshed = await cca.acquireTokenSilent({
      account: result.account!,
      scopes: [API_SCOPE],
      forceRefresh: true,
    });
    expect(refreshed.fromCache).toBe(false);
    expect(refreshed.accessToken).not.toBe(result.accessToken);
    const claims = await verifyToken(fx.idp, refreshed.accessToken, API_APP_ID_URI);
    expect(claims).toMatchObject({ oid: ADMIN_USER.oid, scp: "access_as_user", roles: [CONSOLE_ADMIN_ROLE] });
    // A refreshed ID token carries no nonce (msal-node would reject one it did not send).
    expect((await verifyToken(fx.idp, refreshed.idToken, API_CLIENT_ID)).nonce).toBeUndefined();
    const cached = await cca.acquireTokenSilent({ account: result.account!, scopes: [API_SCOPE] });
    expect(cached.fromCache).toBe(true);
  });

  it("rejects a code verifier that does not match the challenge", async () => {
    const flow = await signInAsAdminWithMsal("n2");
    await expectServerError(
      flow.cca.acquireTokenByCode({
        code: flow.code,
        scopes: [API_SCOPE],
        redirectUri: REDIRECT,
        codeVerifier: "x".repeat(43),
        nonce: "n2",
      }),
      "invalid_grant",
      "AADSTS501481",
    );
  });
});

describe("on-behalf-of", () => {
  it("swaps the SPA's user token for an engine token for the same user", async () => {
    const user = await signInHeadless({ idpUrl: fx.idp.url, user: "admin", scopes: [API_SCOPE] });
    expect((await verifyToken(fx.idp, user.access_token, API_APP_ID_URI)).azp).toBe(SPA_CLIENT_ID);
    const cca = setupBClient(fx.idp, API_CLIENT_ID, API_CLIENT_SECRET);
    const obo = await cca.acquireTokenOnBehalfOf({ oboAssertion: user.access_token, scopes: [`${ENGINE}/.default`] });
    expect(obo?.fromCache).toBe(false);
    const claims = await verifyToken(fx.idp, obo!.accessToken, ENGINE);
    expect(claims).toMatchObject({
      aud: ENGINE,
      oid: ADMIN_USER.oid,
      tid: TENANT_ID,
      name: ADMIN_USER.name,
      preferred_username: ADMIN_USER.upn,
      scp: "user_impersonation",
      azp: API_CLIENT_ID,
    });
    expect(claims.roles).toBeUndefined();
    const again = await cca.acquireTokenOnBehalfOf({ oboAssertion: user.access_token, scopes: [`${ENGINE}/.default`] });
    expect(again?.fromCache).toBe(true);
  });

  it("refuses an assertion issued for another audience", async () => {
    const user = await signInHeadless({ idpUrl: fx.idp.url, user: "viewer", scopes: [`${ENGINE}/.default`] });
    const cca = setupBClient(fx.idp, API_CLIENT_ID, API_CLIENT_SECRET);
    await expectServerError(
      cca.acquireTokenOnBehalfOf({ oboAssertion: user.access_token, scopes: [`${ENGINE}/.default`] }),
      "invalid_grant",
      "AADSTS50013",
    );
  });

  it("refuses an app-only assertion", async () => {
    const app = setupBClient(fx.idp, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET);
    const appToken = await app.acquireTokenByClientCredential({ scopes: [`${API_APP_ID_URI}/.default`] });
    const cca = setupBClient(fx.idp, API_CLIENT_ID, API_CLIENT_SECRET);
    await expectServerError(
      cca.acquireTokenOnBehalfOf({ oboAssertion: appToken!.accessToken, scopes: [`${ENGINE}/.default`] }),
      "invalid_grant",
      "AADSTS50013",
    );
  });
});
