import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * One engine per data folder. DuckDB's own file lock stops a second *process*, but a second open in the same
 * process would silently share (or corrupt) the file, so we also keep a pid file and an in-process registry.
 */
const g = globalThis as unknown as { __localAdxOpenFolders?: Set<string> };
const openFolders = (g.__localAdxOpenFolders ??= new Set<string>());

/** Thrown when the data folder already belongs to a running engine. */
export class DataFolderLockedError extends Error {
  constructor(folder: string, owner: string) {
    super(
      `The local ADX data folder '${folder}' is already used by ${owner}. ` +
        "Stop that engine or point LOCAL_ADX_DATA at another folder.",
    );
    this.name = "DataFolderLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed engine whose parent has not reaped it yet (common in containers whose PID 1 does not reap orphans)
  // is a zombie: signal 0 still succeeds, but it holds no files or locks any more.
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may contain spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state === "Z" || state === "X";
  } catch {
    // No /proc (macOS, Windows): fall back to the signal check alone.
    return false;
  }
}

/** Takes the folder's lock (creating the folder); returns a release function. */
export function lockDataFolder(folder: string): () => void {
  const dir = path.resolve(folder);
  if (openFolders.has(dir)) throw new DataFolderLockedError(dir, "another engine in this process");
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "engine.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      openFolders.add(dir);
      return () => {
        openFolders.delete(dir);
        try {
          unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(lockFile, "utf8").trim(), 10);
      // A pid file left by a crashed engine (or by this very process before a restart) is stale.
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataFolderLockedError(dir, `process ${owner}`);
      }
      unlinkSync(lockFile);
    }
  }
  throw new DataFolderLockedError(dir, "another engine (lock file could not be taken)");
}
