import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ADMIN_USER, TENANT_ID, VIEWER_USER } from "@/local/entra/directory";
import { verifyToken } from "@/local/entra/testing/idp-fixture";
import { kustoFor } from "../kusto";
import { startAdxLikeServer, v1Table, type AdxLikeServer } from "../testing/adx-like-server";
import { ENGINE_RESOURCE, startAuthHarness, type AuthHarness } from "../testing/auth-harness";
import { ClaimsChallengeError } from "./claims-challenge";
import { acquireTokenOnBehalfOf } from "./obo";

let harness: AuthHarness;
let cluster: AdxLikeServer;
beforeAll(async () => {
  harness = await startAuthHarness();
  cluster = await startAdxLikeServer(() => v1Table([["BuildVersion", "string"]], [["local"]]));
});
afterAll(async () => {
  await cluster?.close();
  await harness?.stop();
});

describe("On-Behalf-Of against the local IdP (setup B, real msal-node)", () => {
  it("swaps the user's API token for a cluster token with the user's oid", async () => {
    const token = await acquireTokenOnBehalfOf(harness.tokens.admin, ENGINE_RESOURCE);
    const claims = await verifyToken(harness.idp, token, ENGINE_RESOURCE);
    expect(claims).toMatchObject({
      aud: ENGINE_RESOURCE,
      oid: ADMIN_USER.oid,
      tid: TENANT_ID,
      scp: "user_impersonation",
    });
  });

  it("serves the second request for the same user from msal's cache", async () => {
    const first = await acquireTokenOnBehalfOf(harness.tokens.viewer, ENGINE_RESOURCE);
    expect(await acquireTokenOnBehalfOf(harness.tokens.viewer, `${ENGINE_RESOURCE}/`)).toBe(first);
    expect(decodeJwt(first).oid).toBe(VIEWER_USER.oid);
  });

  it("maps a refused assertion to 401 unauthorized:auth", async () => {
    const error = await acquireTokenOnBehalfOf(harness.tokens.expired, ENGINE_RESOURCE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unauthorized:auth");
  });

  it("the executor's token provider sends an OBO token for the cluster URL, as the user", async () => {
    process.env.LOCAL_ADX_URL = cluster.url;
    try {
      const result = await kustoFor({ token: harness.tokens.viewer }).executeCommand("Defender", ".show version");
      expect(result.rows).toEqual([["local"]]);
      const sent = cluster.requests.at(-1)!.authorization!.replace(/^Bearer /, "");
      // What the engine would check: our IdP signed it, for this cluster, for this user.
      const claims = await verifyToken(harness.idp, sent, cluster.url);
      expect(claims).toMatchObject({ aud: cluster.url, oid: VIEWER_USER.oid });
    } finally {
      delete process.env.LOCAL_ADX_URL;
    }
  });
});

describe("claims challenge", () => {
  // The local IdP does not emulate Conditional Access, so this IdP answers every token request the way Entra ID
  // answers an OBO call that needs MFA: interaction_required + claims (platform-notes §4.7).
  const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["5f8b1d1e-0000-4000-8000-000000000001"]}}}';
  let url = "";
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT_ID}`;
    res.setHeader("content-type", "application/json");
    if (req.method === "GET") {
      res.end(
        JSON.stringify({
          ...harness.idp.metadata(),
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
        }),
      );
      return;
    }
    res.statusCode = 400;
    res.end(
      JSON.stringify({
        error: "interaction_required",
        error_description:
          "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.",
        error_codes: [50076],
        suberror: "basic_action",
        claims: CLAIMS,
      }),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function withChallengingIdp<T>(run: () => Promise<T>): Promise<T> {
    const previous = process.env.LOCAL_ENTRA_URL;
    process.env.LOCAL_ENTRA_URL = url;
    try {
      return await run();
    } finally {
      process.env.LOCAL_ENTRA_URL = previous;
    }
  }

  it("becomes 401 { code: unauthorized:claims, claims } for the browser", async () => {
    const error = await withChallengingIdp(() =>
      acquireTokenOnBehalfOf(harness.tokens.admin, ENGINE_RESOURCE).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ClaimsChallengeError);
    const response = (error as ClaimsChallengeError).toResponse();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: "unauthorized:claims", message: expect.any(String), claims: CLAIMS });
  });

  it("reaches the route through the executor unchanged", async () => {
    process.env.LOCAL_ADX_URL = cluster.url;
    try {
      const error = await withChallengingIdp(() =>
        kustoFor({ token: harness.tokens.admin })
          .executeQuery("Defender", "T")
          .catch((e: unknown) => e),
      );
      expect(error).toBeInstanceOf(ClaimsChallengeError);
      expect((error as ClaimsChallengeError).claims).toBe(CLAIMS);
    } finally {
      delete process.env.LOCAL_ADX_URL;
    }
  });
});
