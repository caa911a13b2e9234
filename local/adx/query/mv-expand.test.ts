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
