/**
 * Golden files of the generated commands: Staging plus one table of each family. A change in any builder shows up
 * here as a readable diff. `UPDATE_GOLDEN=1 npx vitest run kql/generate` rewrites the files after a deliberate change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { buildSetupScript, renderScript } from "./script";

const goldenDir = fileURLToPath(new URL("./__golden__/", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";

const FAMILY_SAMPLES = ["DeviceProcessEvents", "AlertInfo", "EmailEvents", "IdentityLogonEvents", "CloudAppEvents"];

function checkGolden(file: string, actual: string): void {
  const path = `${goldenDir}${file}`;
  if (update) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run UPDATE_GOLDEN=1 npx vitest run kql/generate`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("golden setup commands", () => {
  const script = buildSetupScript({ tables: FAMILY_SAMPLES, backfill: true });

  it("Staging: table, mapping, retention and batching", () => {
    const staging = script.filter((c) =>
      ["staging-table", "staging-mapping", "retention", "batching"].includes(c.kind),
    );
    expect(staging.map((c) => c.kind)).toEqual(["staging-table", "staging-mapping", "retention", "batching"]);
    checkGolden("Staging.kql", renderScript(staging));
  });

  for (const table of FAMILY_SAMPLES) {
    it(`${table}: function, table, backfill and update policy`, () => {
      const own = script.filter((c) => c.target === table || c.target === `Filter${table}`);
      expect(own.map((c) => c.kind)).toEqual(["function", "table", "backfill", "update-policy"]);
      checkGolden(`${table}.kql`, renderScript(own));
    });
  }
});
