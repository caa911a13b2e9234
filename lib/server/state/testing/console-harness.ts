import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import type { KustoExecutor } from "@/lib/server/kusto";
import { startAuthHarness, type AuthHarness } from "@/lib/server/testing/auth-harness";
import { DEFAULT_PRINCIPALS } from "@/local/adx/config";
import { startEngine, type RunningEngine } from "@/local/adx/engine";

/**
 * The real stack in-process for route tests: the local IdP (port 0, real user tokens for the console API), the
 * local engine (port 0, temp folder) trusting that IdP with the default principals, and the app's env pointed at
 * both (LOCAL_ENTRA_URL by the auth harness, LOCAL_ADX_URL here). Route handlers then run unchanged: guard → OBO →
 * azure-kusto-data → engine.
 *
 * `lib/env` reads the environment once, when first imported, so the app's modules are (re)loaded only after both
 * URLs are set: test files must import route handlers and anything reaching `lib/env` dynamically, after this.
 */
export interface ConsoleHarness {
  auth: AuthHarness;
  engine: RunningEngine;
  /** An executor acting as the admin user (On-Behalf-Of, like the routes). */
  admin: KustoExecutor;
  /** A token for the engine as the admin user (for the ingestion endpoint). */
  adminEngineToken(): Promise<string>;
  /** Calls a route handler with a bearer token of `who`. */
  call<P extends Record<string, string>>(
    handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>,
    who: "admin" | "viewer",
    init: { path: string; method?: string; body?: unknown; params?: P },
  ): Promise<Response>;
  stop(): Promise<void>;
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  const auth = await startAuthHarness();
  const dataDir = await mkdtemp(join(tmpdir(), "console-state-"));
  const metadata = auth.idp.metadata();
  const engine = await startEngine({
    host: "127.0.0.1",
    port: 0,
    dataDir,
    database: "Defender",
    log: () => undefined,
    auth: {
      mode: "on",
      jwksUrl: metadata.jwks_uri,
      issuer: auth.idp.issuer(),
      audiences: [],
      principals: DEFAULT_PRINCIPALS,
    },
  });
  const saved = { LOCAL_ADX_URL: process.env.LOCAL_ADX_URL, LOCAL_ENTRA_URL: process.env.LOCAL_ENTRA_URL };
  process.env.LOCAL_ADX_URL = engine.url;
  process.env.LOCAL_ENTRA_URL = auth.idp.url;
  vi.resetModules();
  const { kustoFor } = await import("@/lib/server/kusto");
  const { acquireTokenOnBehalfOf } = await import("@/lib/server/auth/obo");
  return {
    auth,
    engine,
    admin: kustoFor({ token: auth.tokens.admin }),
    adminEngineToken: () => acquireTokenOnBehalfOf(auth.tokens.admin, engine.url),
    call(handler, who, init) {
      const headers = new Headers({ authorization: `Bearer ${auth.tokens[who]}` });
      if (init.body !== undefined) headers.set("content-type", "application/json");
      const request = new Request(`http://127.0.0.1:3000${init.path}`, {
        method: init.method ?? "GET",
        headers,
        body:
          init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
      return handler(request, { params: Promise.resolve((init.params ?? {}) as never) });
    },
    async stop() {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await engine.close();
      await auth.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
