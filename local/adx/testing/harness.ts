/**
 * Test harness: a throw-away identity provider (JWKS over node:http, tokens signed with jose), an engine started
 * in-process on a free port with a temp data folder, and official azure-kusto-data clients per principal.
 */
import { Client, KustoConnectionStringBuilder } from "azure-kusto-data";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_PRINCIPALS, type EngineOptions, LOCAL_TENANT } from "../config";
import { type RunningEngine, startEngine } from "../engine";

export const ADMIN_OID = "a0000000-0000-4000-8000-00000000ad01";
export const VIEWER_OID = "a0000000-0000-4000-8000-00000000be02";
export const STREAM_APP = "c0000000-0000-4000-8000-00000000057e";
export const DB = "Defender";

/** A local token issuer with a JWKS endpoint. */
export interface TestIdp {
  readonly issuer: string;
  readonly jwksUrl: string;
  sign(
    claims: JWTPayload,
    options?: { audience?: string; expiresIn?: string | number; issuer?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startIdp(): Promise<TestIdp> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${LOCAL_TENANT}`;
  const issuer = `${base}/v2.0`;
  return {
    issuer,
    jwksUrl: `${base}/discovery/v2.0/keys`,
    sign: (claims, options = {}) => {
      const jwt = new SignJWT({ tid: LOCAL_TENANT, ver: "2.0", ...claims })
        .setProtectedHeader({ alg: "RS256", kid: "test-key" })
        .setIssuer(options.issuer ?? issuer)
        .setIssuedAt();
      if (options.audience !== undefined) jwt.setAudience(options.audience);
      jwt.setExpirationTime(options.expiresIn ?? "1h");
      return jwt.sign(privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Claims of a user token (delegated: has `scp`). */
export function userClaims(oid: string): JWTPayload {
  return {
    oid,
    sub: `pairwise-${oid}`,
    scp: "user_impersonation",
    idtyp: "user",
    name: oid,
    azp: "c0000000-0000-4000-8000-0000000a0101",
  };
}

/** Claims of an app-only token. */
export function appClaims(appId: string): JWTPayload {
  return { oid: "sp-" + appId, sub: "sp-" + appId, appid: appId, azp: appId, idtyp: "app" };
}

/** Engine options pointing at a test IdP and a new temp folder. */
export function engineOptions(idp: TestIdp, dataDir: string, extra: Partial<EngineOptions> = {}): EngineOptions {
  return {
    host: "127.0.0.1",
    port: 0,
    dataDir,
    database: DB,
    log: () => undefined,
    auth: {
      mode: "on",
      jwksUrl: idp.jwksUrl,
      issuer: idp.issuer,
      audiences: ["https://api.kusto.windows.net"],
      principals: { ...DEFAULT_PRINCIPALS, [`aaduser=b0000000-0000-4000-8000-000000000003;${LOCAL_TENANT}`]: "user" },
    },
    ...extra,
  };
}

/** A new temp data folder and its cleanup. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "local-adx-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An official client that authenticates with a fixed token. */
export function clientWithToken(url: string, token: string): Client {
  return new Client(KustoConnectionStringBuilder.withTokenProvider(url, async () => token));
}

/** Everything a test suite needs. */
export interface Harness {
  readonly idp: TestIdp;
  readonly engine: RunningEngine;
  readonly dataDir: string;
  readonly admin: Client;
  readonly viewer: Client;
  readonly ingestor: Client;
  /** Signs a token for the engine's audience. */
  token(
    claims: JWTPayload,
    options?: { audience?: string; expiresIn?: string | number; issuer?: string },
  ): Promise<string>;
  /** Restarts the engine on the same folder (clients are recreated). */
  restart(): Promise<Harness>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const idp = await startIdp();
  const data = tempDataDir();
  return build(idp, data, await startEngine(engineOptions(idp, data.dir)));
}

async function build(idp: TestIdp, data: { dir: string; remove(): void }, engine: RunningEngine): Promise<Harness> {
  const token = (
    claims: JWTPayload,
    options: { audience?: string; expiresIn?: string | number; issuer?: string } = {},
  ) => idp.sign(claims, { audience: engine.url, ...options });
  const harness: Harness = {
    idp,
    engine,
    dataDir: data.dir,
    admin: clientWithToken(engine.url, await token(userClaims(ADMIN_OID))),
    viewer: clientWithToken(engine.url, await token(userClaims(VIEWER_OID))),
    ingestor: clientWithToken(engine.url, await token(appClaims(STREAM_APP))),
    token,
    restart: async () => {
      await engine.close();
      return build(idp, data, await startEngine(engineOptions(idp, data.dir)));
    },
    close: async () => {
      await engine.close();
      await idp.close();
      data.remove();
    },
  };
  return harness;
}

/** The primary result of a response as column specs (`Name:type`) and plain rows. */
export function primary(response: {
  primaryResults: { columns: { name: string | null; type: string | null }[]; _rows: unknown[][] }[];
}): {
  columns: string[];
  rows: unknown[][];
} {
  const t = response.primaryResults[0];
  if (!t) throw new Error("no primary result");
  return { columns: t.columns.map((c) => `${c.name}:${c.type}`), rows: t._rows };
}

/** Runs a management command and returns its primary result. */
export async function mgmt(client: Client, command: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  return primary((await client.executeMgmt(DB, command)) as never);
}

/** The HTTP status and OneApiError of a failed call. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; message: string; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: unknown } }).response;
    if (!response) throw error;
    const body = response.data as { error?: { code?: string; "@message"?: string } } | string;
    const err = typeof body === "object" && body ? body.error : undefined;
    return { status: response.status, code: err?.code ?? "", message: err?.["@message"] ?? String(body), body };
  }
  throw new Error("expected the call to fail");
}
