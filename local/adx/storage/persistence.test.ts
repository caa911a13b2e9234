import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngine } from "../engine";
import { engineOptions, type Harness, mgmt, startHarness, tempDataDir } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("persistence and the data-folder lock", () => {
  it("keeps tables, columns, functions, mappings, policies and the journal across a restart", async () => {
    await mgmt(h.admin, ".create table Staging (Raw: dynamic) with (folder='Raw', docstring='raw messages')");
    await mgmt(h.admin, ".create-merge table Typed (A:string, B:long)");
    await mgmt(h.admin, ".alter-merge table Typed (C:datetime)");
    await mgmt(
      h.admin,
      `.create table Staging ingestion json mapping 'StagingMapping' '[{"column":"Raw","path":"$"}]'`,
    );
    await mgmt(
      h.admin,
      ".create-or-alter function with (folder='F') Parse() { Staging | project A = tostring(Raw.a), B = tolong(Raw.b), C = todatetime(Raw.c) }",
    );
    await mgmt(
      h.admin,
      `.alter table Typed policy update @'[{"IsEnabled":true,"Source":"Staging","Query":"Parse()","IsTransactional":true}]'`,
    );
    await mgmt(h.admin, ".alter-merge table Staging policy retention softdelete = 0s");
    await mgmt(h.admin, `.alter database Defender policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:40"}'`);
    const before = await Promise.all(
      [
        ".show tables details",
        ".show functions",
        ".show table Staging ingestion mappings",
        ".show table * policy update",
        ".show database schema as json",
      ].map((c) => mgmt(h.admin, c)),
    );
    const journalBefore = (await mgmt(h.admin, ".show journal")).rows.length;

    h = await h.restart();

    const after = await Promise.all(
      [
        ".show tables details",
        ".show functions",
        ".show table Staging ingestion mappings",
        ".show table * policy update",
        ".show database schema as json",
      ].map((c) => mgmt(h.admin, c)),
    );
    expect(after).toEqual(before);
    expect((await mgmt(h.admin, ".show journal")).rows.length).toBe(journalBefore);
    expect((await mgmt(h.admin, ".show commands-and-queries")).rows.length).toBeGreaterThan(10);
    // The restored schema is usable by the analyzer: a policy query over it validates.
    const again = await mgmt(
      h.admin,
      `.alter-merge table Typed policy update @'[{"IsEnabled":true,"Source":"Staging","Query":"Parse()","IsTransactional":true}]'`,
    );
    expect(JSON.parse(again.rows[0]?.[2] as string)).toHaveLength(2);
  });

  it("a second engine on the same folder refuses to start (same process)", async () => {
    await expect(startEngine(engineOptions(h.idp, h.dataDir))).rejects.toThrow(
      /data folder '.*' is already used by another engine in this process/,
    );
  });

  it("takes over a lock left by a crashed engine (its pid is gone)", async () => {
    const data = tempDataDir();
    try {
      const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
      writeFileSync(path.join(data.dir, "engine.lock"), String(dead));
      const engine = await startEngine(engineOptions(h.idp, data.dir));
      await engine.close();
    } finally {
      data.remove();
    }
  });

  it("a second engine process on the same folder refuses to start with a clear message", () => {
    const child = spawnSync("npx", ["tsx", "local/adx/main.ts"], {
      env: { ...process.env, LOCAL_ADX_DATA: h.dataDir, LOCAL_ADX_PORT: "0" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/local-adx: The local ADX data folder '.*' is already used by process \d+/);
  });
});
