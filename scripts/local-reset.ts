/**
 * `npm run local-reset`: wipes the local data folder (`.data/`, or LOCAL_DATA_DIR): the engine's database, queued
 * messages and the identity provider's keys. Refuses while `npm start` or the engine still uses it.
 */
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./ensure-build";
import { holdersOf } from "./start-lock";

/** Wipes `dataDir`; returns the message to print and the exit code. */
export async function localReset(dataDir: string): Promise<{ code: number; message: string }> {
  const exists = await stat(dataDir).then(
    () => true,
    () => false,
  );
  if (!exists) return { code: 0, message: `Nothing to reset: ${dataDir} does not exist.` };
  const holders = await holdersOf(dataDir);
  if (holders.length > 0)
    return {
      code: 1,
      message: `${dataDir} is in use by ${holders.join(" and ")}. Stop it (Ctrl-C in its terminal), then run npm run local-reset again.`,
    };
  await rm(dataDir, { recursive: true, force: true });
  return {
    code: 0,
    message: `Removed ${dataDir}. The next npm start begins with an empty cluster and new identity provider keys.`,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(repoRoot, "scripts/local-reset.ts")) {
  const dataDir = path.resolve(repoRoot, process.env.LOCAL_DATA_DIR || ".data");
  localReset(dataDir).then(
    ({ code, message }) => {
      (code === 0 ? console.log : console.error)(message);
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`local-reset: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
