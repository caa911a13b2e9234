import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type Harness, mgmt, startHarness } from "../testing/harness";

const MAPPING_COLUMNS = [
  "Name:string",
  "Kind:string",
  "Mapping:string",
  "LastUpdatedOn:datetime",
  "Database:string",
  "Table:string",
];
const SEED_MAPPING = '[{"column":"Raw","path":"$","datatype":"dynamic","transform":null}]';
const DOC_MAPPING = '[{"column":"Raw","Properties":{"Path":"$.records"}}]';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await mgmt(h.admin, ".create table Staging (Raw: dynamic)");
});
afterAll(async () => {
  await h.close();
});

describe("ingestion mapping commands", () => {
  it("creates the seed's mapping and stores the text exactly as sent", async () => {
    const r = await mgmt(h.admin, `.create table Staging ingestion json mapping 'StagingMapping' '${SEED_MAPPING}'`);
    expect(r.columns).toEqual(MAPPING_COLUMNS);
    expect(r.rows).toHaveLength(1);
    const [name, kind, mapping, updated, db, table] = r.rows[0] as unknown[];
    expect([name, kind, mapping, db, table]).toEqual(["StagingMapping", "JSON", SEED_MAPPING, "Defender", "Staging"]);
    expect(updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
  });

  it(".create fails when the mapping exists; .create-or-alter replaces it", async () => {
    const f = await failure(
      h.admin.executeMgmt(
        "Defender",
        `.create table Staging ingestion json mapping 'StagingMapping' '${SEED_MAPPING}'`,
      ),
    );
    expect(f).toMatchObject({ status: 400, code: "BadRequest_EntityAlreadyExists" });
    const r = await mgmt(
      h.admin,
      `.create-or-alter table Staging ingestion json mapping "StagingMapping" '${DOC_MAPPING}'`,
    );
    expect(r.rows[0]?.[2]).toBe(DOC_MAPPING);
  });

  it(".show table T ingestion [json] mappings and a single mapping", async () => {
    await mgmt(h.admin, `.create table Staging ingestion json mapping 'Second' '${SEED_MAPPING}'`);
    for (const text of [".show table Staging ingestion mappings", ".show table Staging ingestion json mappings"]) {
      const r = await mgmt(h.admin, text);
      expect(r.columns).toEqual(MAPPING_COLUMNS);
      expect(r.rows.map((row) => row[0])).toEqual(["Second", "StagingMapping"]);
    }
    const one = await mgmt(h.admin, ".show table Staging ingestion json mapping 'Second'");
    expect(one.rows.map((row) => row[0])).toEqual(["Second"]);
  });

  it("rejects invalid mapping JSON and mappings on a missing table", async () => {
    const bad = await failure(
      h.admin.executeMgmt("Defender", ".create table Staging ingestion json mapping 'Bad' '[{\"column\":'"),
    );
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/Mapping is not valid JSON/);
    const noColumn = await failure(
      h.admin.executeMgmt("Defender", `.create table Staging ingestion json mapping 'Bad' '[{"path":"$"}]'`),
    );
    expect(noColumn.message).toMatch(/has no 'column'/);
    const missing = await failure(
      h.admin.executeMgmt("Defender", `.create table Nope ingestion json mapping 'M' '${SEED_MAPPING}'`),
    );
    expect(missing.message).toBe("Entity ID 'Nope' of kind 'Table' was not found.");
  });

  it(".drop table T ingestion json mapping removes it and returns the remaining mappings", async () => {
    const r = await mgmt(h.admin, ".drop table Staging ingestion json mapping 'Second'");
    expect(r.columns).toEqual(MAPPING_COLUMNS);
    expect(r.rows.map((row) => row[0])).toEqual(["StagingMapping"]);
    const f = await failure(h.admin.executeMgmt("Defender", ".drop table Staging ingestion json mapping 'Second'"));
    expect(f.code).toBe("BadRequest_EntityNotFound");
  });
});
