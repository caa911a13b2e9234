/**
 * Copies the Monaco editor and monaco-kusto AMD files into `public/monaco/` (gitignored), so the KQL viewer loads
 * them from our own origin and never from a CDN (platform-notes §5). Uses monaco-kusto's own copy script. Runs from
 * npm scripts (`monaco:copy`, and the `pre*` hooks of dev, build, start and test:e2e) because `next build` must
 * work from a fresh clone. Skips the copy when the files of the installed versions are already there, so a second
 * run changes no file (ensure-build would otherwise see new mtimes under public/ and rebuild).
 */
import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
/** Where the files go: served as `/monaco/vs/...`. */
export const defaultDestination = path.join(repoRoot, "public", "monaco");
const MARKER = ".versions";

/** Files the viewer needs; their presence is what "already copied" means. */
export const REQUIRED_FILES = [
  "vs/loader.js",
  "vs/editor/editor.main.js",
  "vs/language/kusto/monaco.contribution.js",
  "vs/language/kusto/kustoWorker.js",
] as const;

async function versionOf(pkg: string): Promise<string> {
  const manifest = JSON.parse(await readFile(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string };
  return `${pkg}@${manifest.version}`;
}

/** The installed versions, as written in the marker file. */
export async function installedVersions(): Promise<string> {
  return (await Promise.all(["monaco-editor", "@kusto/monaco-kusto"].map(versionOf))).join("\n") + "\n";
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch {
    return false;
  }
}

/** Whether `destination` holds the files of the installed versions. */
export async function isUpToDate(destination: string = defaultDestination): Promise<boolean> {
  const marker = await readFile(path.join(destination, MARKER), "utf8").catch(() => undefined);
  if (marker !== (await installedVersions())) return false;
  for (const file of REQUIRED_FILES) if (!(await exists(path.join(destination, file)))) return false;
  return true;
}

/** Copies the files unless they are up to date; returns whether it copied. */
export async function copyMonaco(destination: string = defaultDestination): Promise<boolean> {
  if (await isUpToDate(destination)) return false;
  // A clean folder: files of an older version must not linger and be served next to the new loader.
  await rm(destination, { recursive: true, force: true });
  const script = require.resolve("@kusto/monaco-kusto/copyMonacoFilesAMD.js");
  await run(process.execPath, [script, destination], { cwd: repoRoot });
  for (const file of REQUIRED_FILES) {
    if (!(await exists(path.join(destination, file)))) throw new Error(`Monaco copy is missing ${file}`);
  }
  await writeFile(path.join(destination, MARKER), await installedVersions());
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  copyMonaco(process.argv[2] ? path.resolve(process.argv[2]) : defaultDestination).then(
    (copied) => console.log(copied ? "Copied Monaco files to public/monaco." : "Monaco files are up to date."),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
