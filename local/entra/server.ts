import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { handleAuthorizeGet, handleAuthorizePost } from "./authorize";
import type { IdpContext } from "./context";
import { TENANT_ID } from "./directory";
import { openIdConfiguration, tenantIssuer, type OpenIdConfiguration } from "./discovery";
import { errorBody, IdpError } from "./errors";
import { answerPreflight, applyCors, sendHtml, sendJson } from "./http";
import { loadSigningKeys } from "./keys";
import { handleLogout } from "./logout";
import { errorPage } from "./pages";
import { IdpStore } from "./store";
import { ensureTlsMaterial, type TlsMaterial } from "./tls";
import { handleToken } from "./token-endpoint";

export interface IdpOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Serve TLS with a local CA generated in `dataDir` (required with https). */
  https?: boolean;
  /** Where the signing key (and TLS material) persist; without it the key lives in memory only. */
  dataDir?: string;
  /** Base URL to publish in discovery and issuers when it differs from the listening address. */
  publicUrl?: string;
  /** One line per request (method, path, status). */
  log?: (line: string) => void;
}

export interface RunningIdp {
  /** Base URL, e.g. `http://127.0.0.1:4080`. */
  url: string;
  /** `{url}/{tenant}/v2.0`. */
  issuer(tenant?: string): string;
  /** The tenant's discovery document (what setup B hands to MSAL as `authorityMetadata`). */
  metadata(tenant?: string): OpenIdConfiguration;
  /** Present when serving https. */
  tls?: Pick<TlsMaterial, "caPath" | "bundlePath" | "spkiSha256">;
  close(): Promise<void>;
}

/** Starts the local Entra-compatible IdP; tests run it in-process on port 0. */
export async function startIdp(options: IdpOptions = {}): Promise<RunningIdp> {
  const host = options.host ?? "127.0.0.1";
  if (options.https && !options.dataDir) throw new Error("startIdp: https needs a dataDir for the generated CA");
  const keys = await loadSigningKeys(options.dataDir);
  const tls = options.https && options.dataDir ? await ensureTlsMaterial(options.dataDir, host) : undefined;
  const ctx: IdpContext = { baseUrl: "", tenant: TENANT_ID, issuer: "", keys, store: new IdpStore(), secure: !!tls };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    route(ctx, req, res)
      .catch((err: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, {
            error: "server_error",
            error_description: "AADSTS90000: internal error in the local identity provider.",
          });
        else res.end();
        options.log?.(`error: ${err instanceof Error ? err.stack : String(err)}`);
      })
      .finally(() => options.log?.(`${req.method} ${req.url?.split("?")[0]} ${res.statusCode}`));
  };
  const server: Server = tls
    ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  ctx.baseUrl = (options.publicUrl ?? `${tls ? "https" : "http"}://${urlHost}:${port}`).replace(/\/$/, "");
  ctx.issuer = tenantIssuer(ctx.baseUrl, TENANT_ID);

  return {
    url: ctx.baseUrl,
    issuer: (tenant = TENANT_ID) => tenantIssuer(ctx.baseUrl, tenant),
    metadata: (tenant = TENANT_ID) => openIdConfiguration(ctx.baseUrl, tenant),
    tls: tls && { caPath: tls.caPath, bundlePath: tls.bundlePath, spkiSha256: tls.spkiSha256 },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function route(ctx: IdpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  applyCors(req, res);
  const correlationId = header(req, "client-request-id");
  if (correlationId) res.setHeader("client-request-id", correlationId);
  if (req.method === "OPTIONS") return answerPreflight(req, res);

  const url = new URL(req.url ?? "/", ctx.baseUrl);
  const [tenant, ...rest] = url.pathname.split("/").filter(Boolean);
  const path = rest.join("/");
  const method = req.method ?? "GET";
  if (url.pathname === "/health") return sendJson(res, 200, { status: "ok", issuer: ctx.issuer });

  const isAuthorize = path === "oauth2/v2.0/authorize";
  if (tenant?.toLowerCase() !== ctx.tenant) {
    const err = new IdpError(
      "invalid_tenant",
      90002,
      `Tenant '${tenant ?? ""}' not found. The local identity provider serves only tenant ${ctx.tenant}.`,
    );
    if (isAuthorize) return sendHtml(res, 400, errorPage("Sign-in error", err.message));
    return sendJson(res, 400, errorBody(err, correlationId, errorUri(ctx)));
  }

  try {
    if (
      method === "GET" &&
      (path === "v2.0/.well-known/openid-configuration" || path === ".well-known/openid-configuration")
    ) {
      return sendJson(res, 200, openIdConfiguration(ctx.baseUrl, ctx.tenant));
    }
    if (method === "GET" && path === "discovery/v2.0/keys") return sendJson(res, 200, ctx.keys.jwks);
    if (isAuthorize && method === "GET") return await handleAuthorizeGet(ctx, req, res, url);
    if (isAuthorize && method === "POST") return await handleAuthorizePost(ctx, req, res);
    if (path === "oauth2/v2.0/token" && method === "POST") return sendJson(res, 200, await handleToken(ctx, req));
    if (path === "oauth2/v2.0/logout" && (method === "GET" || method === "POST"))
      return await handleLogout(ctx, req, res, url);
  } catch (err) {
    if (err instanceof IdpError) return sendJson(res, err.status, errorBody(err, correlationId, errorUri(ctx)));
    throw err;
  }
  return sendJson(res, 404, {
    error: "not_found",
    error_description: `No local Entra endpoint at ${method} ${url.pathname}.`,
  });
}

const errorUri = (ctx: IdpContext) => `${ctx.baseUrl}/error`;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
