import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePickerForm } from "./dev-client";
import { ADMIN_USER, API_APP_ID_URI, CONSOLE_VIEWER_ROLE, SPA_CLIENT_ID, TENANT_ID, VIEWER_USER } from "./directory";
import { pickUser, replyParams, startTestIdp, verifyToken, type IdpFixture } from "./testing/idp-fixture";
import { ORIGIN, REDIRECT, wire } from "./testing/wire";

// Discovery, CORS, /authorize and /logout as a browser (msal-browser) sees them, without MSAL in between.
let fx: IdpFixture;
let base: string;
let authorizeUrl: W["authorizeUrl"];
let token: W["token"];
let redeem: W["redeem"];
type W = ReturnType<typeof wire>;

beforeAll(async () => {
  fx = await startTestIdp();
  ({ base, authorizeUrl, token, redeem } = wire(fx.idp));
});
afterAll(() => fx.stop());

describe("discovery and keys", () => {
  it("serves the same v2.0 configuration at both well-known paths", async () => {
    const v2 = await (await fetch(`${base}/v2.0/.well-known/openid-configuration`)).json();
    const plain = await (await fetch(`${base}/.well-known/openid-configuration`)).json();
    expect(plain).toEqual(v2);
    expect(v2).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      code_challenge_methods_supported: ["S256"],
    });
  });

  it("publishes one RS256 key with a kid", async () => {
    const { keys } = (await (await fetch(`${base}/discovery/v2.0/keys`)).json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0]!.kid).toBeTruthy();
    expect(keys[0]!.d).toBeUndefined();
  });

  it("answers an unknown tenant with an AADSTS error body", async () => {
    const res = await fetch(`${fx.idp.url}/common/v2.0/.well-known/openid-configuration`, {
      headers: { "client-request-id": "corr-1" },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_tenant", error_codes: [90002], correlation_id: "corr-1" });
    expect(body.error_description).toMatch(/^AADSTS90002: /);
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });
});

describe("CORS", () => {
  it("echoes Origin on successes and errors and answers preflights with the requested headers", async () => {
    const ok = await fetch(`${base}/v2.0/.well-known/openid-configuration`, { headers: { origin: ORIGIN } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const { res } = await token({ grant_type: "client_credentials", client_id: "nope" }, { origin: ORIGIN });
    expect(res.status).toBe(400);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const pre = await fetch(`${base}/oauth2/v2.0/token`, {
      method: "OPTIONS",
      headers: {
        origin: ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-client-sku, x-client-ver, content-type",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(pre.headers.get("access-control-allow-headers")).toBe("x-client-sku, x-client-ver, content-type");
  });
});

describe("/authorize", () => {
  it("shows an error page, never a redirect, for an unknown client or an unregistered redirect URI", async () => {
    const unknown = await fetch(authorizeUrl({ client_id: "00000000-0000-0000-0000-000000000000" }), {
      redirect: "manual",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("AADSTS700016");
    const evil = await fetch(authorizeUrl({ redirect_uri: "https://evil.example/auth/redirect" }), {
      redirect: "manual",
    });
    expect(evil.status).toBe(400);
    expect(evil.headers.get("location")).toBeNull();
    expect(await evil.text()).toContain("AADSTS50011");
  });

  it("requires PKCE from the public SPA client, replying through the redirect URI", async () => {
    const res = await fetch(authorizeUrl({ code_challenge: "", code_challenge_method: "" }), { redirect: "manual" });
    expect(res.status).toBe(302);
    const reply = replyParams(res.headers.get("location")!);
    expect(reply.get("error")).toBe("invalid_request");
    expect(reply.get("state")).toBe("st");
  });

  it("shows an accessible picker with one button per demo user", async () => {
    const html = await (await fetch(authorizeUrl())).text();
    expect(html).toContain('<html lang="en">');
    for (const user of [ADMIN_USER, VIEWER_USER]) {
      expect(html).toContain(user.name);
      expect(html).toContain(user.upn);
      expect(html).toContain(user.roles[0]);
    }
    expect(html.match(/<button type="submit" name="user"/g)).toHaveLength(2);
  });

  it("prompt=none: login_required without a session, a code straight away with one", async () => {
    const none = await fetch(authorizeUrl({ prompt: "none" }), { redirect: "manual" });
    const denied = replyParams(none.headers.get("location")!);
    expect(denied.get("error")).toBe("login_required");
    expect(denied.get("error_description")).toMatch(/^AADSTS50058:/);
    expect(denied.get("state")).toBe("st");

    const { cookie } = await pickUser(authorizeUrl(), VIEWER_USER.upn);
    expect(cookie).toMatch(/^local_entra_session=/);
    const silent = await fetch(authorizeUrl({ prompt: "none" }), { redirect: "manual", headers: { cookie: cookie! } });
    const location = silent.headers.get("location")!;
    expect(location.startsWith(`${REDIRECT}#`)).toBe(true);
    const reply = replyParams(location);
    expect(reply.get("code")).toBeTruthy();
    expect(JSON.parse(Buffer.from(reply.get("client_info")!, "base64url").toString())).toEqual({
      uid: VIEWER_USER.oid,
      utid: TENANT_ID,
    });

    const { body } = await redeem(reply.get("code")!);
    const claims = await verifyToken(fx.idp, body.access_token as string, API_APP_ID_URI);
    expect(claims).toMatchObject({
      oid: VIEWER_USER.oid,
      roles: [CONSOLE_VIEWER_ROLE],
      azp: SPA_CLIENT_ID,
      scp: "access_as_user",
    });

    const relogin = await fetch(authorizeUrl({ prompt: "login" }), {
      redirect: "manual",
      headers: { cookie: cookie! },
    });
    expect(relogin.status).toBe(200);
    expect(await relogin.text()).toContain("Pick an account");
  });

  it("replies by form_post with an auto-submitting form to the redirect URI", async () => {
    const { cookie } = await pickUser(authorizeUrl(), ADMIN_USER.upn);
    const res = await fetch(authorizeUrl({ response_mode: "form_post" }), { headers: { cookie: cookie! } });
    const html = await res.text();
    expect(html).toContain(`<form method="post" action="${REDIRECT}"`);
    expect(html).toMatch(/name="code" value="[\w-]+"/);
    expect(html).toContain('name="state" value="st"');
  });

  it("cancelling the picker returns access_denied", async () => {
    const page = await fetch(authorizeUrl({ response_mode: "query" }));
    const form = parsePickerForm(await page.text(), ADMIN_USER.upn);
    delete form.fields.user;
    const res = await fetch(new URL(form.action, base), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...form.fields, cancel: "1" }),
    });
    const location = res.headers.get("location")!;
    expect(location.startsWith(`${REDIRECT}?`)).toBe(true);
    expect(replyParams(location).get("error")).toBe("access_denied");
  });
});

describe("/logout", () => {
  it("clears the session and returns to a loopback post_logout_redirect_uri with the state", async () => {
    const res = await fetch(
      `${base}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(`${ORIGIN}/`)}&state=bye`,
      { redirect: "manual" },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${ORIGIN}/?state=bye`);
    expect(res.headers.get("set-cookie")).toMatch(/^local_entra_session=; .*Max-Age=0/);
    const elsewhere = await fetch(`${base}/oauth2/v2.0/logout?post_logout_redirect_uri=https://evil.example/`, {
      redirect: "manual",
    });
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.text()).toContain("You signed out");
  });
});
