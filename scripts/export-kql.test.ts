import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { tableNames } from "@/kql/catalog";
import { buildSetupScript, renderScript } from "@/kql/generate/script";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

/** Runs the real script in a child process, as `npm run export-kql` does. */
function exportKql(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "scripts/export-kql.ts", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe("scripts/export-kql.ts", () => {
  it("prints the whole setup script for every table", () => {
    const { stdout, stderr, status } = exportKql();
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toBe(renderScript(buildSetupScript()));
    expect(stdout.startsWith(".create-merge table Staging (Raw: dynamic)\n\n")).toBe(true);
    for (const name of tableNames) expect(stdout).toContain(`.alter table ${name} policy update @'`);
  });

  it("limits the script to --tables, in catalog order", () => {
    const { stdout, status } = exportKql("--tables", "CloudAppEvents, AlertInfo");
    expect(status).toBe(0);
    expect(stdout).toBe(renderScript(buildSetupScript({ tables: ["AlertInfo", "CloudAppEvents"] })));
    const created = [...stdout.matchAll(/^\.create-merge table (\w+) /gm)].map((m) => m[1]);
    expect(created).toEqual(["Staging", "AlertInfo", "CloudAppEvents"]);
  });

  it("rejects an unknown table with exit code 2 and the valid names on stderr", () => {
    const { stdout, stderr, status } = exportKql("--tables", "AlertInfo,NoSuchTable");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Unknown table: NoSuchTable.");
    for (const name of tableNames) expect(stderr).toContain(name);
  });

  it("rejects an invalid Staging name and unknown options with exit code 2", () => {
    const badName = exportKql("--tables", "AlertInfo", "--staging-table", "x; .drop table y");
    expect(badName.status).toBe(2);
    expect(badName.stdout).toBe("");
    expect(badName.stderr).toContain('Invalid Staging table name "x; .drop table y"');

    const badOption = exportKql("--bogus");
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toContain("--bogus");
  });
});
