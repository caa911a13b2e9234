/**
 * Issue 5's end-to-end check, in `npm test`: `npm start` (without the app, which this does not need) from a clean
 * data folder starts the IdP, the engine with auth on and the stream simulator; the whole setup from
 * `npm run --silent export-kql` applied through the official azure-kusto-data client as the admin makes rows arrive
 * in several target tables within the batching window; Ctrl-C stops everything; the data survives a restart;
 * `npm run local-reset` refuses while the services run and wipes the folder afterwards.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client, KustoConnectionStringBuilder } from "azure-kusto-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableNames } from "@/kql/catalog";
import { repoRoot } from "./ensure-build";
import { localReset } from "./local-reset";
import { isPortFree } from "./supervisor";

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start -- --no-app …` as a developer would run it, returning once it prints that everything is ready. */
async function startLocal(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-app", ...args], {
    cwd: repoRoot,
    env: { ...process.env, KUSTO_CLUSTER_URL: "", LOCAL_MODE: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!output.includes("Local services are running.")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => output, exited };
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill("SIGTERM");
  return started.exited;
}

/** Row counts of the catalog tables that have rows (all of them exist once the setup is applied). */
async function rowCounts(client: Client, database: string): Promise<Map<string, number>> {
  const query = `union withsource=T ${tableNames.join(", ")} | summarize n = count() by T`;
  const result = await client.execute(database, query);
  const counts = new Map<string, number>();
  for (const row of result.primaryResults[0]?.rows() ?? []) {
    const { T, n } = row.toJSON<{ T: string; n: number }>();
    counts.set(T, n);
  }
  return counts;
}

describe("npm start (local mode) from a clean state", () => {
  let dataDir: string;
  let env: Record<string, string>;
  let engineUrl: string;
  let started: Started | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "local-start-test-"));
    const [entra, adx] = [await freePort(), await freePort()];
    env = {
      LOCAL_ENTRA_PORT: String(entra),
      LOCAL_ADX_PORT: String(adx),
      LOCAL_ENTRA_URL: `http://127.0.0.1:${entra}`,
    };
    engineUrl = `http://127.0.0.1:${adx}`;
  });

  afterAll(async () => {
    client?.close();
    if (started && started.child.exitCode === null) await stop(started);
    await rm(dataDir, { recursive: true, force: true });
  });

  it("streams into Staging once the exported setup is applied, and rows reach several target tables", async () => {
    // 40 events/s over a few hot tables, so each gets rows in the first batch.
    started = await startLocal(["--data-dir", dataDir, "--stream-rate", "40"], { ...env, LOCAL_STREAM_RATE: "" });
    expect(started.output()).toContain(`local ADX         ${engineUrl}`);
    expect(started.output()).toContain("admin@contoso.local");

    // The cluster starts empty, as a new ADX database would, and the stream waits for Staging.
    const deadline = Date.now() + 20_000;
    while (!started.output().includes("waiting for Defender.Staging")) {
      if (Date.now() > deadline) throw new Error(`the stream never reported waiting:\n${started.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await localReset(dataDir)).code).toBe(1);

    const token = (
      await run("npm", ["run", "--silent", "local-token", "--", "admin", "--resource", engineUrl], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
      })
    ).stdout.trim();
    const script = (await run("npm", ["run", "--silent", "export-kql"], { cwd: repoRoot, maxBuffer: 16 << 20 })).stdout;
    client = new Client(KustoConnectionStringBuilder.withAccessToken(engineUrl, token));
    const before = await client.execute("Defender", ".show tables");
    expect([...(before.primaryResults[0]?.rows() ?? [])]).toEqual([]);

    const applied = await client.execute(
      "Defender",
      `.execute database script with (ThrowOnErrors=true) <|\n${script}`,
    );
    const results = [...(applied.primaryResults[0]?.rows() ?? [])].map((row) =>
      row.toJSON<{ CommandType: string; Result: string; Reason: string }>(),
    );
    expect(results.length).toBeGreaterThan(tableNames.length * 3);
    expect(results.filter((row) => row.Result !== "Completed")).toEqual([]);

    // The setup sets Staging's batching to 30 s: rows must show up within a bounded wait.
    let counts = new Map<string, number>();
    const until = Date.now() + 90_000;
    while (Date.now() < until) {
      counts = await rowCounts(client, "Defender");
      if (counts.size >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect([...counts.keys()].length, `tables with rows: ${JSON.stringify([...counts])}`).toBeGreaterThanOrEqual(3);
    expect(started.output()).toContain("delivering to Defender.Staging");

    expect(await stop(started)).toBe(0);
    expect(started.output()).toMatch(/local-stream stopped: \d+ events/);
    expect(await isPortFree(Number(env.LOCAL_ADX_PORT))).toBe(true);
    expect(await isPortFree(Number(env.LOCAL_ENTRA_PORT))).toBe(true);

    // Data persists across restarts (and the IdP's key too: the old token still works).
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    started = await startLocal(["--data-dir", dataDir, "--no-stream"], env);
    client.close();
    client = new Client(KustoConnectionStringBuilder.withAccessToken(engineUrl, token));
    const after = await rowCounts(client, "Defender");
    expect([...after.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(total);
    expect(await stop(started)).toBe(0);

    expect((await localReset(dataDir)).code).toBe(0);
    await expect(stat(dataDir)).rejects.toThrow();
  }, 300_000);
});
