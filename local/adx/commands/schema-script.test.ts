import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB, failure, type Harness, mgmt, startHarness } from "../testing/harness";

// A database with every kind of entity the script carries: tables (quoted names, folder/docstring), table and
// database policies, a JSON mapping with characters that need escaping, functions with and without parameters.
const SETUP = [
  ".create table Staging (Raw: dynamic)",
  `.create-or-alter table Staging ingestion json mapping "StagingMapping" '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
  `.alter-merge table Staging policy retention softdelete = 0s`,
  `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}'`,
  `.create table ['My Events'] (Timestamp: datetime, ['Device Name']: string, Count: long) with (folder = "Defender", docstring = "It's \\"quoted\\"")`,
  `.create-or-alter function with (folder = "Parsers", docstring = "Filter") FilterEvents() { Staging | mv-expand Raw.records | project Timestamp = todatetime(Raw_records.Timestamp), ['Device Name'] = tostring(Raw_records.name), Count = tolong(1) }`,
  `.create-or-alter function Recent(n: long) {\n  ['My Events']\n  | take n\n}`,
  `.alter table ['My Events'] policy update @'[{"IsEnabled":true,"Source":"Staging","Query":"FilterEvents()","IsTransactional":true,"PropagateIngestionProperties":false}]'`,
  `.alter database Defender policy retention @'{"SoftDeletePeriod":"365.00:00:00","Recoverability":"Enabled"}'`,
];

/** Everything the script claims to reproduce, read with the documented `.show` commands. */
async function schemaOf(h: Harness) {
  const read = async (text: string, drop: number[] = []) =>
    (await mgmt(h.admin, text)).rows.map((r) => r.filter((_, i) => !drop.includes(i)));
  return {
    schema: JSON.parse(String((await mgmt(h.admin, ".show database schema as json")).rows[0]?.[0])).Databases.Defender
      .Tables,
    functions: await read(".show functions"),
    updatePolicies: await read(".show table * policy update"),
    retention: await read(".show table Staging policy retention"),
    batching: await read(".show table Staging policy ingestionbatching"),
    databaseRetention: await read(".show database Defender policy retention"),
    // LastUpdatedOn (index 3) differs by construction.
    mappings: await read(".show table Staging ingestion mappings", [3]),
  };
}

let source: Harness;
let copy: Harness;
beforeAll(async () => {
  [source, copy] = await Promise.all([startHarness(), startHarness()]);
  for (const command of SETUP) {
    const answer = await source.admin.executeMgmt(DB, command).then(
      () => null,
      (e: unknown) => e,
    );
    if (answer) throw new Error(`Setup failed: ${command}: ${(await failure(Promise.reject(answer))).message}`);
  }
});
afterAll(async () => {
  await Promise.all([source?.close(), copy?.close()]);
});

describe(".show database D schema as csl script", () => {
  it("answers one command per row in DatabaseSchemaScript: tables, mappings, functions, then policies", async () => {
    const r = await mgmt(source.viewer, ".show database Defender schema as csl script");
    expect(r.columns).toEqual(["DatabaseSchemaScript:string"]);
    const script = r.rows.map((row) => String(row[0]));
    expect(script).toHaveLength(SETUP.length);
    expect(script).toContain(".create-merge table Staging (Raw:dynamic)");
    expect(script).toContain(
      `.create-or-alter table Staging ingestion json mapping "StagingMapping" @'[{"column":"Raw","Properties":{"Path":"$"}}]'`,
    );
    const kinds = script.map(
      (c) => /^\.(create-merge table|create-or-alter table|create-or-alter function|alter)/.exec(c)?.[1],
    );
    expect(kinds).toEqual([
      ...Array(2).fill("create-merge table"),
      "create-or-alter table",
      ...Array(2).fill("create-or-alter function"),
      ...Array(4).fill("alter"),
    ]);
  });

  it("re-runs through .execute database script into an empty database and reproduces the schema", async () => {
    const script = (await mgmt(source.admin, ".show database Defender schema as csl script")).rows.map((r) =>
      String(r[0]),
    );
    const result = await mgmt(copy.admin, `.execute database script <|\n${script.join("\n\n")}`);
    expect(result.rows.map((row) => row[3])).toEqual(script.map(() => "Completed"));
    expect(await schemaOf(copy)).toEqual(await schemaOf(source));
  });

  it("leaves mappings out with IncludeIngestionMappings = false", async () => {
    const r = await mgmt(
      source.admin,
      ".show database Defender schema as csl script with (IncludeIngestionMappings = false, IncludeSecuritySettings = false)",
    );
    const script = r.rows.map((row) => String(row[0]));
    expect(script).toHaveLength(SETUP.length - 1);
    expect(script.some((c) => c.includes("ingestion json mapping"))).toBe(false);
  });

  it("answers 404 for another database, as the other database commands do", async () => {
    const f = await failure(source.admin.executeMgmt(DB, ".show database Other schema as csl script"));
    expect(f.status).toBe(404);
    expect(f.message).toMatch(/Other/);
  });
});
