import { execFile } from "node:child_process";
import { get } from "node:https";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createLocalJWKSet, jwtVerify, type JWK, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_APP_ROLE, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET, TENANT_ID } from "./directory";
import { startTestIdp, type IdpFixture } from "./testing/idp-fixture";
import { SYSTEM_CA_BUNDLE } from "./tls";

// Setup A (platform-notes §4.2): the IdP over https with its generated CA; msal-node fetches the real
// `{authority}/v2.0/.well-known/openid-configuration`. The canary for MSAL's discovery path.
const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL("./testing/setup-a-client.ts", import.meta.url));
const ENGINE = "http://127.0.0.1:8080";
let fx: IdpFixture;

beforeAll(async () => {
  fx = await startTestIdp({ https: true });
});
afterAll(() => fx.stop());

async function runClient(
  extraCaCerts: string,
): Promise<{ accessToken?: string; secondFromCache?: boolean; error?: string }> {
  const port = new URL(fx.idp.url).port;
  const { stdout } = await run(process.execPath, ["--import", "tsx", CLIENT], {
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: extraCaCerts,
      AUTHORITY: `${fx.idp.url}/${TENANT_ID}`,
      KNOWN_AUTHORITY: `127.0.0.1:${port}`,
      CLIENT_ID: STREAM_CLIENT_ID,
      CLIENT_SECRET: STREAM_CLIENT_SECRET,
      SCOPE: `${ENGINE}/.default`,
    },
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

describe("setup A: https with the generated CA", () => {
  it("serves TLS with a CA bundle that keeps the system CAs", async () => {
    expect(fx.idp.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const bundle = await readFile(fx.idp.tls!.bundlePath, "utf8");
    const ca = await readFile(fx.idp.tls!.caPath, "utf8");
    expect(bundle.endsWith(ca)).toBe(true);
    const system = await readFile(SYSTEM_CA_BUNDLE, "utf8").catch(() => "");
    expect(bundle.length).toBeGreaterThan(system.trimEnd().length);
  });

  it("msal-node discovers the https authority and gets a client-credentials token", async () => {
    const result = await runClient(fx.idp.tls!.bundlePath);
    expect(result.error).toBeUndefined();
    expect(result.secondFromCache).toBe(true);
    const claims = await verifyOverHttps(result.accessToken!, ENGINE);
    expect(claims).toMatchObject({ aud: ENGINE, azp: STREAM_CLIENT_ID, roles: [STREAM_APP_ROLE], tid: TENANT_ID });
  });

  it("fails discovery when the CA is not trusted (what NODE_EXTRA_CA_CERTS fixes)", async () => {
    const result = await runClient(SYSTEM_CA_BUNDLE);
    expect(result.error).toBe("endpoints_resolution_error");
  });
});

/** This test process started before the CA existed: fetch the JWKS over https trusting our CA explicitly. */
async function verifyOverHttps(token: string, audience: string): Promise<JWTPayload> {
  const ca = await readFile(fx.idp.tls!.caPath, "utf8");
  const jwks = await new Promise<{ keys: JWK[] }>((resolve, reject) => {
    get(fx.idp.metadata().jwks_uri, { ca }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(JSON.parse(body)));
    }).on("error", reject);
  });
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: fx.idp.issuer(), audience });
  return payload;
}
