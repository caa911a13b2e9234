import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, type Harness } from "./__fixtures__/harness";
import { buildSchema, INDEXER } from "./buildschema";

// The documented example (adx-reference.md §4.4).
const DOC_VALUES = [
  '{"x":1, "y":3.5}',
  '{"x":"somevalue", "z":[1, 2, 3]}',
  '{"y":{"w":"zzz"}, "t":["aa", "bb"], "z":["foo"]}',
];
const DOC_SCHEMA = {
  x: ["long", "string"],
  y: ["double", { w: "string" }],
  z: { [INDEXER]: ["long", "string"] },
  t: { [INDEXER]: "string" },
};

describe("buildSchema (JS merge)", () => {
  it("reproduces the documented example, keys and union members in order of first appearance", () => {
    const schema = buildSchema(DOC_VALUES);
    expect(schema).toEqual(DOC_SCHEMA);
    expect(JSON.stringify(schema)).toBe(
      '{"x":["long","string"],"y":["double",{"w":"string"}],"z":{"`indexer`":["long","string"]},"t":{"`indexer`":"string"}}',
    );
  });

  it("tells long from double by the JSON text, and names bools", () => {
    expect(buildSchema(["1", "1.0", "true", "2e3", "-7"])).toEqual(["long", "double", "bool"]);
    expect(buildSchema(["9223372036854775807"])).toBe("long");
    expect(buildSchema(["9223372036854775808"])).toBe("double");
  });

  it("merges arrays and bags in one container, nested arbitrarily deep", () => {
    expect(buildSchema(['{"a":[{"b":[1]}]}', '{"a":[{"b":["x"], "c":false}]}', '{"a":{"k":1}}'])).toEqual({
      a: { [INDEXER]: { b: { [INDEXER]: ["long", "string"] }, c: "bool" }, k: "long" },
    });
  });

  it("skips nulls; empty containers stay empty; no typed value gives null", () => {
    expect(buildSchema([null, "null", '{"a":null,"b":1}'])).toEqual({ b: "long" });
    expect(buildSchema(["[]", "{}"])).toEqual({});
    expect(buildSchema([null, "null"])).toBeNull();
    expect(buildSchema([])).toBeNull();
  });

  it("decodes escaped keys", () => {
    expect(buildSchema(['{"a\\"b":"\\u00e9"}'])).toEqual({ 'a"b': "string" });
  });

  it("refuses text that is not JSON", () => {
    expect(() => buildSchema(['{"a":'])).toThrow(SyntaxError);
    expect(() => buildSchema(["[1 2]"])).toThrow(SyntaxError);
  });
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness([
    {
      name: "Docs",
      columns: [
        { name: "g", type: "string" },
        { name: "d", type: "dynamic" },
      ],
      rows: [
        ["a", DOC_VALUES[0]],
        ["a", DOC_VALUES[1]],
        ["a", DOC_VALUES[2]],
        ["b", null],
        ["c", '{"n":[1.5, 2]}'],
      ],
    },
  ]);
});
afterAll(() => h.close());

describe("summarize buildschema()", () => {
  it("aggregates the whole table under the automatic name schema_d", async () => {
    const r = await h.run("Docs | where g == 'a' | summarize buildschema(d)");
    expect(r.columns).toEqual([{ name: "schema_d", type: "dynamic" }]);
    expect(r.rows).toEqual([[DOC_SCHEMA]]);
  });

  it("per group, with null for a group without values, and over a dynamic path (schema_d_n)", async () => {
    const r = await h.run("Docs | summarize S = buildschema(d) by g | order by g asc");
    expect(r.rows).toEqual([
      ["a", DOC_SCHEMA],
      ["b", null],
      ["c", { n: { [INDEXER]: ["double", "long"] } }],
    ]);
    const p = await h.run("Docs | where g == 'c' | summarize buildschema(d.n)");
    expect(p.columns).toEqual([{ name: "schema_d_n", type: "dynamic" }]);
    expect(p.rows).toEqual([[{ [INDEXER]: ["double", "long"] }]]);
  });

  it("feeds later operators as a dynamic value", async () => {
    const r = await h.run("Docs | summarize s = buildschema(d) | project x = tostring(s.x[1]), t = s.t");
    expect(r.rows).toEqual([["string", { [INDEXER]: "string" }]]);
  });

  it("on an empty input gives one row with null", async () => {
    const r = await h.run("Docs | where g == 'none' | summarize buildschema(d)");
    expect(r.rows).toEqual([[null]]);
  });
});
