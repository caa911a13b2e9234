import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildStatus, nextBin } from "./ensure-build";

let root: string;
const past = new Date("2024-01-01T00:00:00Z");
const builtAt = new Date("2024-06-01T00:00:00Z");
const later = new Date("2024-07-01T00:00:00Z");

async function file(relative: string, time: Date) {
  const full = path.join(root, relative);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, "x");
  await utimes(full, time, time);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ensure-build-"));
  await file("app/page.tsx", past);
  await file("lib/env.ts", past);
  await file("package.json", past);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("buildStatus", () => {
  it("is stale when there is no build", async () => {
    expect(await buildStatus(root)).toEqual({ stale: true, reason: "no build yet" });
  });

  it("is fresh when the build is newer than every input", async () => {
    await file(".next/BUILD_ID", builtAt);
    expect(await buildStatus(root)).toEqual({ stale: false });
  });

  it("names the nested source file that changed after the build", async () => {
    await file(".next/BUILD_ID", builtAt);
    await file("components/shell/nav-links.tsx", later);
    expect(await buildStatus(root)).toEqual({
      stale: true,
      reason: `${path.join("components", "shell", "nav-links.tsx")} changed since the last build`,
    });
  });

  it("notices top-level config files", async () => {
    await file(".next/BUILD_ID", builtAt);
    await file("next.config.ts", later);
    expect(await buildStatus(root)).toMatchObject({
      stale: true,
      reason: "next.config.ts changed since the last build",
    });
  });

  it("ignores tests, golden files and folders outside the build inputs", async () => {
    await file(".next/BUILD_ID", builtAt);
    await file("lib/env.test.ts", later);
    await file("kql/generate/__golden__/device.kql", later);
    await file("e2e/smoke.spec.ts", later);
    await file("README.md", later);
    expect(await buildStatus(root)).toEqual({ stale: false });
  });
});

describe("nextBin", () => {
  it("resolves Next's CLI inside node_modules", () => {
    expect(nextBin()).toMatch(/node_modules[\\/]next[\\/]dist[\\/]bin[\\/]next$/);
  });
});
