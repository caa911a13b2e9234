/**
 * Who is using a local data folder: `npm start` leaves `start.pid` there while it runs, and the engine its own
 * `local-adx/engine.lock`. `npm run local-reset` refuses to wipe a folder that either live process holds.
 */
import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";

export const START_LOCK_FILE = "start.pid";

export interface StartLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function livePid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(file, "utf8")).trim(), 10);
    return isAlive(pid) ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The live processes holding `dataDir`, as readable descriptions (empty when nothing runs). */
export async function holdersOf(dataDir: string): Promise<string[]> {
  const holders: string[] = [];
  const start = await livePid(path.join(dataDir, START_LOCK_FILE));
  if (start !== undefined) holders.push(`npm start (pid ${start})`);
  const engine = await livePid(path.join(dataDir, "local-adx", "engine.lock"));
  if (engine !== undefined && engine !== start) holders.push(`the local ADX engine (pid ${engine})`);
  return holders;
}

/** Marks `dataDir` as used by this process; refuses when another live `npm start` holds it. */
export async function acquireStartLock(dataDir: string): Promise<StartLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, START_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = await livePid(file);
      if (owner !== undefined)
        throw new Error(`npm start is already running with data in ${dataDir} (pid ${owner}); stop it first.`);
      // Left behind by a process that was killed: take it over.
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not take ${file}`);
}
