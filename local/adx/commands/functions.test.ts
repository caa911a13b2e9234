import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type Harness, mgmt, startHarness } from "../testing/harness";

const FUNCTION_COLUMNS = ["Name:string", "Parameters:string", "Body:string", "Folder:string", "DocString:string"];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await mgmt(h.admin, ".create table Staging (Raw: dynamic)");
});
afterAll(async () => {
  await h.close();
});

describe("function commands", () => {
  it(".create function with docstring and folder returns the function row", async () => {
    const r = await mgmt(
      h.admin,
      '.create function with (docstring = "Counts rows", folder = "Stats") CountStaging() { Staging | count }',
    );
    expect(r.columns).toEqual(FUNCTION_COLUMNS);
    expect(r.rows).toEqual([["CountStaging", "()", "{ Staging | count }", "Stats", "Counts rows"]]);
  });

  it(".create function on an existing function fails; ifnotexists is a no-op", async () => {
    const f = await failure(h.admin.executeMgmt("Defender", ".create function CountStaging() { Staging | take 1 }"));
    expect(f).toMatchObject({ status: 400, code: "BadRequest_EntityAlreadyExists" });
    expect(f.message).toBe("Entity 'CountStaging' of kind 'Function' already exists.");
    const r = await mgmt(h.admin, ".create function ifnotexists CountStaging() { Staging | take 1 }");
    expect(r.rows[0]?.[2]).toBe("{ Staging | count }");
  });

  it(".create-or-alter function keeps parameters and body text and replaces an existing one", async () => {
    await mgmt(h.admin, ".create-or-alter function TopN(n:long) { Staging | take n }");
    const r = await mgmt(
      h.admin,
      ".create-or-alter function with (folder='F', docstring='d') TopN(n:long, s:string=\"x\") {\n  Staging\n  | take n\n}",
    );
    expect(r.rows).toEqual([["TopN", '(n:long, s:string="x")', "{\n  Staging\n  | take n\n}", "F", "d"]]);
  });

  it("analyses the body against the schema and reports semantic errors with their position", async () => {
    const text = ".create-or-alter function Bad() { Staging | project Nope }";
    const f = await failure(h.admin.executeMgmt("Defender", text));
    expect(f.status).toBe(400);
    expect(f.code).toBe("General_BadRequest");
    expect(f.message).toMatch(/^Semantic error: KS142: The name 'Nope' does not refer to any known column/);
    expect(f.message).toContain(`(line 1, column ${text.indexOf("Nope") + 1}, position ${text.indexOf("Nope")})`);
    const g = await failure(h.admin.executeMgmt("Defender", ".create function Later() { NotYetThere | take 1 }"));
    expect(g.message).toMatch(/KS204/);
  });

  it("skipvalidation=true stores a body that references missing entities", async () => {
    const r = await mgmt(
      h.admin,
      ".create-or-alter function with (skipvalidation=true) Later() { NotYetThere | take 1 }",
    );
    expect(r.rows[0]?.[0]).toBe("Later");
  });

  it(".show functions and .show function F", async () => {
    const all = await mgmt(h.admin, ".show functions");
    expect(all.columns).toEqual(FUNCTION_COLUMNS);
    expect(all.rows.map((r) => r[0])).toEqual(["CountStaging", "Later", "TopN"]);
    const one = await mgmt(h.admin, ".show function CountStaging");
    expect(one.columns).toEqual(FUNCTION_COLUMNS);
    expect(one.rows).toEqual([["CountStaging", "()", "{ Staging | count }", "Stats", "Counts rows"]]);
    const f = await failure(h.admin.executeMgmt("Defender", ".show function Missing"));
    expect(f).toMatchObject({ status: 400, code: "BadRequest_EntityNotFound" });
    expect(f.message).toBe("Entity ID 'Missing' of kind 'ExpressionFunction' was not found.");
  });

  it("functions are visible to the analyzer of later commands", async () => {
    const r = await mgmt(h.admin, ".create-or-alter function UsesTopN() { TopN(5) | count }");
    expect(r.rows[0]?.[0]).toBe("UsesTopN");
  });

  it(".drop function returns the dropped name; ifexists tolerates a missing one", async () => {
    const r = await mgmt(h.admin, ".drop function Later");
    expect(r.columns).toEqual(["Name:string"]);
    expect(r.rows).toEqual([["Later"]]);
    const again = await mgmt(h.admin, ".drop function Later ifexists");
    expect(again.rows).toEqual([]);
    const f = await failure(h.admin.executeMgmt("Defender", ".drop function Later"));
    expect(f.code).toBe("BadRequest_EntityNotFound");
  });

  it(".show database schema as json lists functions", async () => {
    const r = await mgmt(h.admin, ".show database schema as json");
    const fns = JSON.parse(r.rows[0]?.[0] as string).Databases.Defender.Functions;
    expect(fns.CountStaging).toEqual({
      Name: "CountStaging",
      Parameters: "()",
      Body: "{ Staging | count }",
      Folder: "Stats",
      DocString: "Counts rows",
    });
  });
});
