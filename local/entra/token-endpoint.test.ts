import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInHeadless } from "./dev-client";
import { ADMIN_USER, API_APP_ID_URI, API_CLIENT_ID, API_SCOPE, SPA_CLIENT_ID, STREAM_CLIENT_ID } from "./directory";
import { startIdp } from "./server";
import { pickUser, startTestIdp, verifyToken, type IdpFixture } from "./testing/idp-fixture";
import { wire } from "./testing/wire";

// The token endpoint on the wire: body shape, single-use codes, rotating refresh tokens, client authentication.
let fx: IdpFixture;
let authorizeUrl: W["authorizeUrl"];
let token: W["token"];
let redeem: W["redeem"];
type W = ReturnType<typeof wire>;

beforeAll(async () => {
  fx = await startTestIdp();
  ({ authorizeUrl, token, redeem } = wire(fx.idp));
});
afterAll(() => fx.stop());

describe("/token", () => {
  it("returns the documented body; id_token, refresh_token and client_info only when asked", async () => {
    const { reply } = await pickUser(authorizeUrl(), ADMIN_USER.upn);
    const full = await redeem(reply.get("code")!, { client_info: "1" });
    expect(full.res.status).toBe(200);
    expect(full.res.headers.get("cache-control")).toBe("no-store");
    expect(full.body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });
    expect(full.body.scope).toBe(`${API_SCOPE} openid profile offline_access`);
    expect(full.body.id_token).toBeTruthy();
    expect(full.body.refresh_token).toBeTruthy();
    expect(full.body.client_info).toBeTruthy();
    expect(decodeJwt(full.body.id_token as string)).toMatchObject({
      aud: SPA_CLIENT_ID,
      nonce: "nn",
      oid: ADMIN_USER.oid,
    });

    const { reply: second } = await pickUser(authorizeUrl({ scope: API_SCOPE }), ADMIN_USER.upn);
    const bare = await redeem(second.get("code")!, { scope: API_SCOPE });
    expect(Object.keys(bare.body).sort()).toEqual([
      "access_token",
      "expires_in",
      "ext_expires_in",
      "scope",
      "token_type",
    ]);
  });

  it("redeems a code once, and only with its redirect URI", async () => {
    const { reply } = await pickUser(authorizeUrl(), ADMIN_USER.upn);
    const code = reply.get("code")!;
    const wrongRedirect = await redeem(code, { redirect_uri: "http://localhost:3000/auth/redirect" });
    expect(wrongRedirect.body.error_codes).toEqual([500112]);
    const reused = await redeem(code);
    expect(reused.body).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("rotates refresh tokens: each is accepted once, only by its client", async () => {
    const { reply } = await pickUser(authorizeUrl(), ADMIN_USER.upn);
    const { body } = await redeem(reply.get("code")!);
    const rt = body.refresh_token as string;
    const refresh = (extra: Record<string, string> = {}) =>
      token({
        grant_type: "refresh_token",
        client_id: SPA_CLIENT_ID,
        refresh_token: rt,
        scope: `${API_SCOPE} openid offline_access`,
        ...extra,
      });
    const other = await refresh({ client_id: STREAM_CLIENT_ID, client_secret: "local-stream-secret" });
    expect(other.body.error).toBe("invalid_grant");
    const first = await refresh();
    expect(first.res.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(rt);
    expect(decodeJwt(first.body.id_token as string).nonce).toBeUndefined();
    const again = await refresh();
    expect(again.body).toMatchObject({ error: "invalid_grant", error_codes: [70000] });
    const garbage = await refresh({ refresh_token: "not-a-token" });
    expect(garbage.body.error).toBe("invalid_grant");
  });

  it("rejects unknown grants, public clients sending a secret and confidential clients without one", async () => {
    expect((await token({ grant_type: "password", client_id: SPA_CLIENT_ID })).body.error_codes).toEqual([70003]);
    const pub = await token({
      grant_type: "refresh_token",
      client_id: SPA_CLIENT_ID,
      client_secret: "x",
      refresh_token: "y",
    });
    expect(pub.res.status).toBe(401);
    expect(pub.body.error_codes).toEqual([700025]);
    const noSecret = await token({
      grant_type: "client_credentials",
      client_id: API_CLIENT_ID,
      scope: `${API_APP_ID_URI}/.default`,
    });
    expect(noSecret.body).toMatchObject({ error: "invalid_client", error_codes: [7000218] });
  });
});

describe("persistence", () => {
  it("keeps the signing key across restarts, so earlier tokens still verify", async () => {
    const first = await startIdp({ dataDir: fx.dataDir });
    const port = Number(new URL(first.url).port);
    const user = await signInHeadless({ idpUrl: first.url, user: "admin", scopes: [API_SCOPE] });
    const kid = (await (await fetch(first.metadata().jwks_uri)).json()).keys[0].kid;
    await first.close();
    const restarted = await startIdp({ dataDir: fx.dataDir, port });
    try {
      expect((await (await fetch(restarted.metadata().jwks_uri)).json()).keys[0].kid).toBe(kid);
      expect(await verifyToken(restarted, user.access_token, API_APP_ID_URI)).toMatchObject({ oid: ADMIN_USER.oid });
    } finally {
      await restarted.close();
    }
  });
});
