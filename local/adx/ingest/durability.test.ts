/**
 * Acknowledged data survives `kill -9`: the engine runs as a child process (`npx tsx local/adx/main.ts`, temp data
 * folder, auth off on loopback); queued messages acknowledged with 202 and an `.ingest inline` that returned are
 * all there after a restart.
 */
import { Client } from "azure-kusto-data";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineSink } from "@/local/stream/engine-sink";
import { DB, primary, tempDataDir } from "../testing/harness";
import { message, record } from "./testing";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function startChild(dataDir: string, port: number): ChildProcess {
  // Its own process group, so kill -9 reaches the node process behind npx too.
  return spawn("npx", ["tsx", "local/adx/main.ts"], {
    cwd: process.cwd(),
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      LOCAL_ADX_AUTH: "off",
      LOCAL_ADX_PORT: String(port),
      LOCAL_ADX_DATA: dataDir,
      LOCAL_ADX_HOST: "127.0.0.1",
    },
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/v1/rest/auth/metadata`);
      if (r.status === 404) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("engine did not start");
}

async function kill9(child: ChildProcess, dataDir: string): Promise<void> {
  // The pid in the lock file is the engine's own node process (behind npx and tsx).
  const lockFile = path.join(dataDir, "engine.lock");
  const enginePid = existsSync(lockFile) ? Number.parseInt(readFileSync(lockFile, "utf8"), 10) : NaN;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGKILL");
  });
  // npx exiting does not mean the engine behind it is gone yet: wait until it is, as a restart after a crash would.
  const deadline = Date.now() + 15_000;
  while (Number.isInteger(enginePid) && Date.now() < deadline && isRunning(enginePid)) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^Z|^X/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

describe("durability", () => {
  const data = tempDataDir();
  let port = 0;
  let child: ChildProcess | null = null;
  let url = "";
  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) await kill9(child, data.dir);
    data.remove();
  });

  it("keeps acknowledged queued messages and inline ingestions across kill -9", async () => {
    child = startChild(data.dir, port);
    await waitUntilUp(url, child);
    const client = new Client(url);
    for (const c of [
      ".create table Staging (Raw: dynamic)",
      `.create table Staging ingestion json mapping 'StagingMapping' '[{"column":"Raw","path":"$"}]'`,
      `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:30:00","MaximumNumberOfItems":500}'`,
      ".create table Direct (a: string)",
    ]) {
      await client.executeMgmt(DB, c);
    }
    await client.executeMgmt(DB, ".ingest inline into table Direct <| inline-row");
    const sink = createEngineSink({
      engineUrl: url,
      database: DB,
      table: "Staging",
      mappingName: "StagingMapping",
      token: async () => "unused",
    });
    for (let i = 0; i < 3; i++) expect(await sink(message(record("X", { i })))).toBe("accepted");
    await kill9(child, data.dir);

    child = startChild(data.dir, port);
    await waitUntilUp(url, child);
    const after = new Client(url);
    const count = async (q: string) => primary((await after.execute(DB, q)) as never).rows[0]?.[0];
    expect(await count("Direct | count")).toBe(1);
    // The three acknowledged messages are queued again; one more message reaching a 1-item limit seals them all.
    await after.executeMgmt(DB, `.alter-merge table Staging policy ingestionbatching @'{"MaximumNumberOfItems":1}'`);
    expect(await sink(message(record("X", { i: 3 })))).toBe("accepted");
    const deadline = Date.now() + 10_000;
    let rows: unknown = 0;
    while (Date.now() < deadline && rows !== 4) {
      rows = await count("Staging | count");
      if (rows !== 4) await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows).toBe(4);
    expect(await count("Staging | summarize dcount(tolong(Raw.records[0].properties.i))")).toBe(4);
    await kill9(child, data.dir);
  }, 120_000);
});
