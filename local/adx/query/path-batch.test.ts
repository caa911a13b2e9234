import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, type Harness } from "./__fixtures__/harness";

// Values chosen for the conversion edge cases: missing keys, JSON null, numbers as text, 18-digit longs, bags,
// arrays, keys that need quoting or JSON Pointer, and a non-bag document.
const DOCS = {
  name: "Docs",
  columns: [
    { name: "Id", type: "long" },
    { name: "P", type: "dynamic" },
  ],
  rows: [
    [
      1,
      `{"s":"x","n":123456789012345678,"d":"2024-06-01T10:00:00.1234567Z","b":true,"r":1.50,"o":{"k":[1,2,3]},"a b":"sp","q\\"k":"quote","e":""}`,
    ],
    [2, `{"s":null,"n":"42","d":"not a date","b":"false","r":"2.5","o":{"k":[]},"a b":null}`],
    [3, `{"n":5.7,"s":7,"b":0,"r":null,"o":"text"}`],
    [4, `[1,2,3]`],
    [5, `"just a string"`],
    [6, null],
  ],
};

const EXPRS = [
  "tostring(P.s)",
  "tolong(P.n)",
  "toint(P.n)",
  "todatetime(P.d)",
  "tobool(P.b)",
  "toreal(P.r)",
  "tostring(P.o)",
  "P.o.k",
  "tolong(P.o.k[-1])",
  "tostring(P['a b'])",
  `tostring(P['q"k'])`,
  "isempty(P.e)",
  "isnull(P.nothere)",
  "tostring(P.n)",
  "tostring(P.b)",
  "tostring(P.r)",
  "tolong(P.b)",
  "todecimal(P.r)",
  "totimespan(P.s)",
  "toguid(P.s)",
];

let h: Harness;
beforeAll(async () => {
  h = await createHarness([DOCS]);
});
afterAll(() => h.close());

/** Each expression alone: a single path, so the translator keeps the single-path `json_extract` call. */
async function oneByOne(op: "project" | "extend"): Promise<unknown[][]> {
  const columns: unknown[][] = [];
  for (const e of EXPRS) {
    const r = await h.run(
      `Docs | ${op === "project" ? "project Id," : "extend"} R = ${e} | sort by Id asc | project R`,
    );
    expect(r.compiled.sql).not.toContain("$paths");
    columns.push(r.rows.map((row) => row[0]));
  }
  return DOCS.rows.map((_, i) => columns.map((c) => c[i]));
}

describe("many paths of one dynamic column in one operator", () => {
  it("project reads them from one list and gives the same values as single paths", async () => {
    const list = EXPRS.map((e, i) => `R${i} = ${e}`).join(", ");
    const batched = await h.run(`Docs | project Id, ${list} | sort by Id asc | project-away Id`);
    // Conversions read texts and types from lists; the values used as dynamic come from the JSON list.
    expect(batched.compiled.sql).toContain(`json_extract_string("P", ['$.s', '$.n',`);
    expect(batched.compiled.sql).toContain(`json_type("P", ['$.n', '$.d',`);
    expect(batched.compiled.sql).toContain(`json_extract("P", ['$.o.k', '$.e', '$.nothere'])`);
    expect(batched.columns.map((c) => c.name)).toEqual(EXPRS.map((_, i) => `R${i}`));
    expect(batched.rows).toEqual(await oneByOne("project"));
  });

  it("extend does the same and keeps the input columns, without the hidden list", async () => {
    const list = EXPRS.map((e, i) => `R${i} = ${e}`).join(", ");
    const batched = await h.run(`Docs | extend ${list} | sort by Id asc`);
    expect(batched.compiled.sql).toContain("$paths0");
    expect(batched.columns.map((c) => c.name)).toEqual(["Id", "P", ...EXPRS.map((_, i) => `R${i}`)]);
    expect(batched.rows.map((r) => r.slice(2))).toEqual(await oneByOne("extend"));
  });

  it("dependent extends and the seed's two-path project keep their values", async () => {
    const r = await h.run(
      "Docs | extend S = tostring(P.s), N = tolong(P.n) | extend T = strcat(S, '/', tostring(P.s), '/', tostring(P.b)) | where Id <= 3 | sort by Id asc | project T, N",
    );
    expect(r.rows).toEqual([
      ["x/x/true", 123456789012345678],
      ["//false", 42],
      ["7/7/0", 5],
    ]);
  });

  it("a column read through one path only is not batched", async () => {
    const r = await h.run("Docs | project A = tostring(P.s), B = tostring(P.s), C = tostring(P) | take 1");
    expect(r.compiled.sql).not.toContain("$paths");
  });
});
