/**
 * `where Column == "text"` on a dynamic column compares most values as JSON text (translate-filter.ts): it must keep
 * exactly the rows Kusto's string comparison keeps — the same rows as `where tostring(Column) == "text"`, which
 * parses every value — whatever the stored JSON text looks like.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, type Harness } from "./__fixtures__/harness";

const TEXTS: readonly string[] = [
  '"AdvancedHunting-X"',
  '"AdvancedHunting-Y"',
  '"Advanced\\u0048unting-X"', // an escape in the text, same value
  ' "AdvancedHunting-X" ', // surrounding spaces, same value
  '"AdvancedHunting-X "',
  '"advancedhunting-x"',
  '["AdvancedHunting-X"]',
  '{"v":"AdvancedHunting-X"}',
  "12",
  '"12"',
  "true",
  "null",
  '"a\\"b"',
  '"é\\u00e9"',
];

let h: Harness;
beforeAll(async () => {
  h = await createHarness([
    {
      name: "Cats",
      columns: [
        { name: "Id", type: "long" },
        { name: "C", type: "dynamic" },
      ],
      rows: [],
    },
  ]);
  for (const [i, text] of TEXTS.entries()) {
    await h.connection.run(`INSERT INTO "t"."Cats" ("Id", "C") VALUES (${i}, CAST($1 AS JSON))`, [text]);
  }
  await h.connection.run(`INSERT INTO "t"."Cats" ("Id", "C") VALUES (${TEXTS.length}, NULL)`);
});
afterAll(() => h.close());

const ids = async (kql: string) => (await h.run(kql)).rows.map((r) => r[0]);

describe("where on a dynamic column equal to a constant string", () => {
  it.each(["AdvancedHunting-X", "12", "true", 'a"b', "éé", "AdvancedHunting-X ", "nope"])(
    "keeps what comparing the parsed value keeps: %s",
    async (value) => {
      const literal = JSON.stringify(value);
      const fast = await ids(`Cats | where C == ${literal} | order by Id asc | project Id`);
      const parsed = await ids(`Cats | where tostring(C) == ${literal} | order by Id asc | project Id`);
      expect(fast).toEqual(parsed);
      expect(await ids(`Cats | where ${literal} == C | order by Id asc | project Id`)).toEqual(parsed);
    },
  );

  it("keeps the rows whose value matches however the text is written", async () => {
    expect(await ids(`Cats | where C == "AdvancedHunting-X" | order by Id asc | project Id`)).toEqual([0, 2, 3]);
  });

  it("compares as text first, and parses only the other texts", () => {
    const { sql } = h.compile(`Cats | where C == "AdvancedHunting-X"`);
    expect(sql).toContain(`CAST("C" AS VARCHAR) = `);
  });
});
