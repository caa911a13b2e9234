import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REQUIRED_FILES, copyMonaco, installedVersions, isUpToDate } from "./copy-monaco";

describe("copyMonaco", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("copies the AMD files once, then leaves them untouched, and recopies after a version change", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "monaco-"));
    dirs.push(dir);
    const destination = path.join(dir, "monaco");
    expect(await isUpToDate(destination)).toBe(false);

    expect(await copyMonaco(destination)).toBe(true);
    for (const file of REQUIRED_FILES) expect((await stat(path.join(destination, file))).size).toBeGreaterThan(0);
    // The kusto contribution is an AMD module the viewer requires by this name.
    expect(await readFile(path.join(destination, "vs/language/kusto/monaco.contribution.js"), "utf8")).toContain(
      "define(",
    );
    const loaderTime = (await stat(path.join(destination, "vs/loader.js"))).mtimeMs;

    expect(await copyMonaco(destination)).toBe(false);
    expect((await stat(path.join(destination, "vs/loader.js"))).mtimeMs).toBe(loaderTime);

    await writeFile(path.join(destination, ".versions"), "monaco-editor@0.0.1\n");
    expect(await isUpToDate(destination)).toBe(false);
    expect(await copyMonaco(destination)).toBe(true);
    expect(await readFile(path.join(destination, ".versions"), "utf8")).toBe(await installedVersions());
  }, 60_000);
});
