import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { DEFAULT_PRINCIPALS } from "@/local/adx/config";
import { startEngine, type RunningEngine } from "@/local/adx/engine";
import { startAuthHarness, type AuthHarness } from "../testing/auth-harness";
import { kustoFor } from ".";

/**
 * The whole local path: a user token from the local IdP → our On-Behalf-Of → azure-kusto-data → the local engine,
 * which verifies the token against the same IdP and applies the user's database role.
 */
let harness: AuthHarness;
let engine: RunningEngine;
let dataDir: string;

beforeAll(async () => {
  harness = await startAuthHarness();
  dataDir = await mkdtemp(join(tmpdir(), "auth-engine-"));
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
      principals: DEFAULT_PRINCIPALS,
    },
  });
  process.env.LOCAL_ADX_URL = engine.url;
}, 60_000);
afterAll(async () => {
  delete process.env.LOCAL_ADX_URL;
  await engine?.close();
  await harness?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("executor → local engine as the signed-in user", () => {
  it(".show version", async () => {
    const result = await kustoFor({ token: harness.tokens.viewer }).executeCommand("Defender", ".show version");
    expect(result.columns.map((c) => c.name)).toContain("BuildVersion");
    expect(result.rows).toHaveLength(1);
  });

  it("an admin creates a table and a viewer sees it in .show tables", async () => {
    await kustoFor({ token: harness.tokens.admin }).executeCommand("Defender", ".create table AuthProbe (x: long)");
    const tables = await kustoFor({ token: harness.tokens.viewer }).executeCommand("Defender", ".show tables");
    expect(tables.columns[0]).toEqual({ name: "TableName", type: "string" });
    expect(tables.rows.map((row) => row[0])).toContain("AuthProbe");
  });

  it("the engine refuses a viewer's change: forbidden:kusto with the engine's message", async () => {
    const error = await kustoFor({ token: harness.tokens.viewer })
      .executeCommand("Defender", ".create table ByViewer (x: long)")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("forbidden:kusto");
    expect((error as AppError).detail).toMatch(/not authorized/);
  });

  it("a query with parameters runs and a syntax error is bad_request:kusto", async () => {
    const result = await kustoFor({ token: harness.tokens.viewer }).executeQuery(
      "Defender",
      "declare query_parameters(n:long); print n = n",
      { parameters: { n: 7 } },
    );
    expect(result.rows).toEqual([[7]]);
    const error = await kustoFor({ token: harness.tokens.viewer })
      .executeQuery("Defender", "AuthProbe | where")
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe("bad_request:kusto");
  });
});
