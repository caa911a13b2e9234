import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localReset } from "./local-reset";
import { acquireStartLock, holdersOf, START_LOCK_FILE } from "./start-lock";

// A pid that cannot belong to a live process (above Linux's pid_max limit of 2^22).
const DEAD_PID = 9_999_999;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "start-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("acquireStartLock", () => {
  it("records this process and refuses a second npm start on the same folder", async () => {
    const lock = await acquireStartLock(dir);
    expect(await readFile(path.join(dir, START_LOCK_FILE), "utf8")).toBe(String(process.pid));
    await expect(acquireStartLock(dir)).rejects.toThrow(/npm start is already running .* \(pid \d+\); stop it first/);
    await lock.release();
    await expect(stat(path.join(dir, START_LOCK_FILE))).rejects.toThrow();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    await writeFile(path.join(dir, START_LOCK_FILE), String(DEAD_PID));
    const lock = await acquireStartLock(dir);
    expect(await readFile(path.join(dir, START_LOCK_FILE), "utf8")).toBe(String(process.pid));
    await lock.release();
  });
});

describe("localReset", () => {
  it("refuses while npm start or the engine holds the folder, naming them", async () => {
    await mkdir(path.join(dir, "local-adx"), { recursive: true });
    await writeFile(path.join(dir, "local-adx", "engine.lock"), String(process.pid));
    expect(await holdersOf(dir)).toEqual([`the local ADX engine (pid ${process.pid})`]);
    const refused = await localReset(dir);
    expect(refused.code).toBe(1);
    expect(refused.message).toMatch(/in use by the local ADX engine/);
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it("wipes the folder when only stale locks remain, and says so when there is nothing", async () => {
    await mkdir(path.join(dir, "local-adx"), { recursive: true });
    await writeFile(path.join(dir, "local-adx", "engine.lock"), String(DEAD_PID));
    await writeFile(path.join(dir, START_LOCK_FILE), String(DEAD_PID));
    expect(await localReset(dir)).toMatchObject({ code: 0, message: expect.stringMatching(/^Removed /) });
    await expect(stat(dir)).rejects.toThrow();
    expect(await localReset(dir)).toMatchObject({ code: 0, message: expect.stringMatching(/^Nothing to reset/) });
  });
});
