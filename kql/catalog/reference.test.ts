import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { defenderTables, findTable } from "./index";

// CI clones the repo beside `shared/`; the catalog itself never reads this file (it must stay self-contained).
const referencePath = fileURLToPath(new URL("../../../shared/reference/defender-tables.json", import.meta.url));
const hasReference = existsSync(referencePath);

interface RefColumn {
  name: string;
  type: string;
  getschemaType?: string;
  payloadKey?: string;
  payloadEncoding?: string;
  streamed?: boolean;
}
interface RefTable {
  name: string;
  category: string;
  preview: boolean;
  docs: string;
  columns: RefColumn[];
  streamExtraColumns?: { name: string; type: string }[];
  docArtifacts?: { name: string }[];
}

if (!hasReference) {
  console.warn(
    `Skipping the catalog reference check: ${referencePath} does not exist (shared/ is not beside the repo).`,
  );
}

describe.skipIf(!hasReference)(`catalog matches ${referencePath}`, () => {
  const reference = hasReference
    ? (JSON.parse(readFileSync(referencePath, "utf8")) as { tables: RefTable[] }).tables
    : [];

  it("has the same 26 tables (21 GA, 5 preview)", () => {
    expect(reference).toHaveLength(26);
    expect(reference.filter((t) => !t.preview)).toHaveLength(21);
    expect(reference.filter((t) => t.preview)).toHaveLength(5);
    expect(defenderTables.map((t) => t.name).sort()).toEqual(reference.map((t) => t.name).sort());
  });

  for (const ref of reference) {
    it(`${ref.name}: documented columns in order with AH types and payload keys, then the stream extras`, () => {
      const table = findTable(ref.name);
      expect(table).toBeDefined();
      if (!table) return;
      expect(table.category).toBe(ref.category);
      expect(table.preview).toBe(ref.preview);
      expect(table.docsUrl).toBe(ref.docs);

      const expected = [
        ...ref.columns.map((c) => ({
          name: c.name,
          type: c.getschemaType ?? c.type,
          payloadKey: c.payloadKey ?? c.name,
          encoding: c.payloadEncoding === "json-text" ? "json-text" : "native",
          streamed: c.streamed !== false,
          origin: "documented",
        })),
        ...(ref.streamExtraColumns ?? []).map((c) => ({
          name: c.name,
          type: c.type,
          payloadKey: c.name,
          encoding: "native",
          streamed: true,
          origin: "stream-extra",
        })),
      ];
      const actual = table.columns.map(({ name, type, payloadKey, encoding, streamed, origin }) => ({
        name,
        type,
        payloadKey,
        encoding,
        streamed,
        origin,
      }));
      expect(actual).toEqual(expected);

      for (const artifact of ref.docArtifacts ?? []) {
        expect(table.columns.map((c) => c.name)).not.toContain(artifact.name);
      }
    });
  }
});
