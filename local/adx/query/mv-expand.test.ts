/**
 * `mv-expand` of a constant path (`mv-expand D.v`) reads the path in place instead of extracting it first: it must
 * give exactly what expanding the extracted value gives, for every shape the value can have.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, type Harness } from "./__fixtures__/harness";

const SHAPES = {
  name: "Shapes",
  columns: [
    { name: "Id", type: "long" },
    { name: "D", type: "dynamic" },
  ],
  rows: [
    [1, { v: [1, "two", { three: 3 }, [4], null] }],
    [2, { v: [] }],
    [3, { v: { a: 1, "b/c~d": "x", e: null } }],
    [4, { v: {} }],
    [5, { v: "text" }],
    [6, { v: 5.5 }],
    [7, { v: null }],
    [8, {}],
    [9, null],
    [10, { v: { w: [7, 8] } }],
    [11, { v: [{ p: { a: [1, 2], b: "x" }, c: "C1" }, { p: null, c: 2 }, { c: "only" }, 7, null, [{ p: 1 }], {}] }],
    [12, { v: [{ p: '\u0041"', c: true, P: "upper" }] }],
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness([SHAPES]);
});
afterAll(() => h.close());

const rowsOf = async (kql: string) => (await h.run(kql)).rows;

describe("mv-expand of a constant path", () => {
  it.each([
    ["mv-expand x = D.v", "extend x = D.v | mv-expand x"],
    ["mv-expand kind=array x = D.v", "extend x = D.v | mv-expand kind=array x"],
    ["mv-expand x = D.v limit 2", "extend x = D.v | mv-expand x limit 2"],
    ["mv-expand x = D.v.w", "extend x = D.v.w | mv-expand x"],
    ["mv-expand x = D['v']", "extend x = D.v | mv-expand x"],
    ["mv-expand D.v | project-rename x = D_v", "extend x = D.v | mv-expand x"],
  ])("%s gives what expanding the extracted value gives", async (direct, extracted) => {
    const a = await rowsOf(`Shapes | ${direct} | project Id, e = tostring(x)`);
    const b = await rowsOf(`Shapes | ${extracted} | project Id, e = tostring(x)`);
    expect(a.length).toBeGreaterThan(5);
    expect(a).toEqual(b);
  });

  it("reads the path in place", () => {
    expect(h.compile("Shapes | mv-expand D.v").sql).toContain(`json_extract("D", '$.v[*]')`);
  });
});

describe("mv-expand fused with the project after it (expand-fusion.ts)", () => {
  // Expanding an extracted value is never fused: it is the reference.
  const reference = "Shapes | extend x = D.v | mv-expand x | project Id";

  it.each([
    ["project Id, P = D_v.p, C = D_v.c", "P = x.p, C = x.c"],
    ["project Id, C = D_v.c", "C = x.c"],
    ["project Id, Q = D_v['p']", "Q = x.p"],
  ])("mv-expand D.v | %s gives what the general way gives", async (fused, columns) => {
    const query = `Shapes | mv-expand D.v | ${fused}`;
    expect(h.compile(query).sql).toContain("json_transform");
    const a = await rowsOf(query);
    expect(a.length).toBeGreaterThan(15);
    expect(a).toEqual(await rowsOf(`${reference}, ${columns}`));
  });

  it.each([
    ["the expanded value itself", "project Id, P = D_v.p, W = D_v", "P = x.p, W = x"],
    ["a conversion of a key", "project Id, P = tostring(D_v.p)", "P = tostring(x.p)"],
    ["keys differing only in case", "project Id, P = D_v.p, U = D_v.P", "P = x.p, U = x.P"],
    ["a deeper path", "project Id, A = D_v.p.a", "A = x.p.a"],
  ])("is not fused when the project reads %s, and still gives the same rows", async (_what, project, columns) => {
    const query = `Shapes | mv-expand D.v | ${project}`;
    expect(h.compile(query).sql).not.toContain("json_transform");
    expect(await rowsOf(query)).toEqual(await rowsOf(`${reference}, ${columns}`));
  });

  it("is not fused when another operator reads the expansion", () => {
    expect(h.compile("Shapes | mv-expand D.v | where isnotnull(D_v) | project P = D_v.p").sql).not.toContain(
      "json_transform",
    );
  });
});
