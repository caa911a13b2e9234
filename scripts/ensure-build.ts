/**
 * Builds the Next app only when needed: no `.next/BUILD_ID`, or a build input newer than it. Used by `npm start`
 * and by Playwright's webServer so a fresh clone works with one command and a second run starts in about a second.
 * Run directly: `tsx scripts/ensure-build.ts` (exits non-zero when the build fails).
 */
import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { copyMonaco } from "./copy-monaco";

/** Folders and files whose changes can change the built app. Tests and golden files cannot. */
export const BUILD_INPUT_DIRS = ["app", "components", "lib", "kql", "local", "public"] as const;
export const BUILD_INPUT_FILES = ["next.config.ts", "package.json", "package-lock.json", "tsconfig.json"] as const;

const IGNORED_DIRS = new Set(["node_modules", ".next", "__golden__", "__fixtures__", "__snapshots__"]);
const IGNORED_FILE = /\.(test|spec)\.tsx?$/;

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

async function mtimeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function newestIn(dir: string): Promise<{ file: string; mtimeMs: number } | undefined> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let candidate: { file: string; mtimeMs: number } | undefined;
    if (entry.isDirectory()) {
      if (!IGNORED_DIRS.has(entry.name)) candidate = await newestIn(full);
    } else if (entry.isFile() && !IGNORED_FILE.test(entry.name)) {
      const mtimeMs = await mtimeOf(full);
      if (mtimeMs !== undefined) candidate = { file: full, mtimeMs };
    }
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

export type BuildStatus = { stale: false } | { stale: true; reason: string };

/** Whether `root/.next` must be rebuilt, and why. */
export async function buildStatus(root: string = repoRoot): Promise<BuildStatus> {
  const builtAt = await mtimeOf(path.join(root, ".next", "BUILD_ID"));
  if (builtAt === undefined) return { stale: true, reason: "no build yet" };
  for (const dir of BUILD_INPUT_DIRS) {
    const newest = await newestIn(path.join(root, dir));
    if (newest && newest.mtimeMs > builtAt) {
      return { stale: true, reason: `${path.relative(root, newest.file)} changed since the last build` };
    }
  }
  for (const file of BUILD_INPUT_FILES) {
    const mtimeMs = await mtimeOf(path.join(root, file));
    if (mtimeMs !== undefined && mtimeMs > builtAt)
      return { stale: true, reason: `${file} changed since the last build` };
  }
  return { stale: false };
}

/** Absolute path of Next's CLI, run with this Node binary (no shell, no npx lookup). */
export function nextBin(): string {
  return createRequire(import.meta.url).resolve("next/dist/bin/next");
}

export interface EnsureBuildOptions {
  root?: string;
  log?: (line: string) => void;
  /** Aborting stops a running build (Ctrl-C during `npm start`). */
  signal?: AbortSignal;
}

/** Runs `next build` when {@link buildStatus} says so. Rejects when the build fails or is aborted. */
export async function ensureBuild({
  root = repoRoot,
  log = console.log,
  signal,
}: EnsureBuildOptions = {}): Promise<void> {
  // The KQL viewer serves Monaco from public/monaco (gitignored); the copy must exist before the build and
  // whenever the app starts, also when this runs outside npm's prebuild hook (Playwright's webServer, npm start).
  if (await copyMonaco(path.join(root, "public", "monaco"))) log("Copied Monaco files to public/monaco.");
  const status = await buildStatus(root);
  if (!status.stale) {
    log("Build is up to date.");
    return;
  }
  log(`Building the app (${status.reason})…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      signal,
    });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureBuild().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
