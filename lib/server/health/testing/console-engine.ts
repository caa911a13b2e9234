import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PRINCIPALS } from "@/local/adx/config";
import { startEngine, type RunningEngine } from "@/local/adx/engine";
import { kustoFor, type KustoExecutor } from "@/lib/server/kusto";
import { startAuthHarness, type AuthHarness } from "@/lib/server/testing/auth-harness";

/**
 * Test fixture for the health and policies code: the real local IdP (tokens from its real endpoints) and a real
 * local engine on a temp folder that trusts it, with the app pointed at both (LOCAL_ENTRA_URL, LOCAL_ADX_URL), so
 * route handlers run their whole path: token check → On-Behalf-Of → azure-kusto-data → engine.
 */
export interface ConsoleEngine {
  harness: AuthHarness;
  engine: RunningEngine;
  /** Executors acting as the demo admin and viewer (On-Behalf-Of, like a route handler). */
  admin: KustoExecutor;
  viewer: KustoExecutor;
  stop(): Promise<void>;
}

export async function startConsoleEngine(
  options: { principals?: Record<string, "admin" | "user" | "ingestor" | "viewer"> } = {},
): Promise<ConsoleEngine> {
  const harness = await startAuthHarness();
  const dataDir = await mkdtemp(join(tmpdir(), "console-engine-"));
  let engine: RunningEngine;
  try {
    engine = await startEngine({
      host: "127.0.0.1",
      port: 0,
      dataDir,
      log: () => undefined,
      auth: {
        mode: "on",
        jwksUrl: harness.idp.metadata().jwks_uri,
        issuer: harness.idp.issuer(),
        audiences: [],
        principals: options.principals ?? DEFAULT_PRINCIPALS,
      },
    });
  } catch (error) {
    await harness.stop();
    throw error;
  }
  const previous = process.env.LOCAL_ADX_URL;
  process.env.LOCAL_ADX_URL = engine.url;
  return {
    harness,
    engine,
    admin: kustoFor({ token: harness.tokens.admin }),
    viewer: kustoFor({ token: harness.tokens.viewer }),
    async stop() {
      if (previous === undefined) delete process.env.LOCAL_ADX_URL;
      else process.env.LOCAL_ADX_URL = previous;
      await engine.close();
      await harness.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A `Request` with the given bearer token (and JSON body), as the browser's fetch wrapper sends it. */
export function requestAs(token: string | null, url: string, init: { method?: string; body?: unknown } = {}): Request {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new Request(url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}
