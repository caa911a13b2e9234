import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type Harness, mgmt, startHarness } from "../testing/harness";

// Result schemas from adx-reference.md §1.1–§1.4 and §2.1.
const SCHEMA_ROW = ["TableName:string", "Schema:string", "DatabaseName:string", "Folder:string", "DocString:string"];
const DETAILS = [
  "TableName:string",
  "DatabaseName:string",
  "Folder:string",
  "DocString:string",
  "TotalExtents:long",
  "TotalExtentSize:real",
  "TotalOriginalSize:real",
  "TotalRowCount:long",
  "HotExtents:long",
  "HotExtentSize:real",
  "HotOriginalSize:real",
  "HotRowCount:long",
  "AuthorizedPrincipals:string",
  "RetentionPolicy:string",
  "CachingPolicy:string",
  "ShardingPolicy:string",
  "MergePolicy:string",
  "StreamingIngestionPolicy:string",
  "IngestionBatchingPolicy:string",
  "MinExtentsCreationTime:datetime",
  "MaxExtentsCreationTime:datetime",
  "RowOrderPolicy:string",
  "TableId:guid",
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("table commands", () => {
  it("creates a table and returns the schema row with .NET and CSL types", async () => {
    const r = await mgmt(
      h.admin,
      ".create table Events (Name:string, Count:long, Ratio:real, Seen:datetime, Span:timespan, Id:guid, Ok:bool, Bag:dynamic, Small:int, Money:decimal) with (folder='Raw', docstring='All events')",
    );
    expect(r.columns).toEqual(SCHEMA_ROW);
    expect(r.rows).toHaveLength(1);
    const [name, schema, db, folder, doc] = r.rows[0] as string[];
    expect([name, db, folder, doc]).toEqual(["Events", "Defender", "Raw", "All events"]);
    expect(JSON.parse(schema as string)).toEqual({
      Name: "Events",
      OrderedColumns: [
        { Name: "Name", Type: "System.String", CslType: "string" },
        { Name: "Count", Type: "System.Int64", CslType: "long" },
        { Name: "Ratio", Type: "System.Double", CslType: "real" },
        { Name: "Seen", Type: "System.DateTime", CslType: "datetime" },
        { Name: "Span", Type: "System.TimeSpan", CslType: "timespan" },
        { Name: "Id", Type: "System.Guid", CslType: "guid" },
        { Name: "Ok", Type: "System.SByte", CslType: "bool" },
        { Name: "Bag", Type: "System.Object", CslType: "dynamic" },
        { Name: "Small", Type: "System.Int32", CslType: "int" },
        { Name: "Money", Type: "System.Data.SqlTypes.SqlDecimal", CslType: "decimal" },
      ],
    });
  });

  it("folds DDL type aliases (double, boolean, date, time, uniqueid, int32) to canonical types", async () => {
    const r = await mgmt(
      h.admin,
      ".create table Aliases (a:double, b:boolean, c:date, d:time, e:uniqueid, f:int32, g:int64)",
    );
    const cols = JSON.parse(r.rows[0]?.[1] as string).OrderedColumns.map((c: { CslType: string }) => c.CslType);
    expect(cols).toEqual(["real", "bool", "datetime", "timespan", "guid", "int", "long"]);
  });

  it(".create table on an existing table succeeds and changes nothing", async () => {
    const r = await mgmt(h.admin, ".create table Events (Other:string) with (folder='Elsewhere')");
    expect(r.rows[0]?.[3]).toBe("Raw");
    expect(JSON.parse(r.rows[0]?.[1] as string).OrderedColumns).toHaveLength(10);
  });

  it(".create-merge creates, then appends new columns at the end and keeps existing ones", async () => {
    await mgmt(h.admin, ".create-merge table Merged (A:string, B:long)");
    const r = await mgmt(h.admin, ".create-merge table Merged (B:long, C:datetime) with (docstring='merged')");
    expect(r.columns).toEqual(SCHEMA_ROW);
    const cols = JSON.parse(r.rows[0]?.[1] as string).OrderedColumns.map((c: { Name: string }) => c.Name);
    expect(cols).toEqual(["A", "B", "C"]);
    expect(r.rows[0]?.[4]).toBe("merged");
  });

  it(".create-merge and .alter-merge refuse a type change of an existing column", async () => {
    const f = await failure(h.admin.executeMgmt("Defender", ".create-merge table Merged (A:long)"));
    expect(f.status).toBe(400);
    expect(f.message).toMatch(/Column 'A' is of type 'string', requested 'long'/);
    const g = await failure(h.admin.executeMgmt("Defender", ".alter-merge table Merged (B:string)"));
    expect(g.status).toBe(400);
  });

  it(".alter-merge adds columns and fails on a missing table", async () => {
    const r = await mgmt(h.admin, ".alter-merge table Merged (D:dynamic)");
    expect(JSON.parse(r.rows[0]?.[1] as string).OrderedColumns.map((c: { Name: string }) => c.Name)).toEqual([
      "A",
      "B",
      "C",
      "D",
    ]);
    const f = await failure(h.admin.executeMgmt("Defender", ".alter-merge table Nope (x:long)"));
    expect(f).toMatchObject({ status: 400, code: "BadRequest_EntityNotFound" });
    expect(f.message).toBe("Entity ID 'Nope' of kind 'Table' was not found.");
  });

  it(".show tables lists every table with the documented schema", async () => {
    const r = await mgmt(h.admin, ".show tables");
    expect(r.columns).toEqual(["TableName:string", "DatabaseName:string", "Folder:string", "DocString:string"]);
    expect(r.rows).toContainEqual(["Events", "Defender", "Raw", "All events"]);
    expect(r.rows).toContainEqual(["Merged", "Defender", "", "merged"]);
    const some = await mgmt(h.admin, ".show tables (Events)");
    expect(some.rows).toEqual([["Events", "Defender", "Raw", "All events"]]);
  });

  it(".show tables details and .show table T details share the 23-column schema", async () => {
    const all = await mgmt(h.admin, ".show tables details");
    expect(all.columns).toEqual(DETAILS);
    const one = await mgmt(h.admin, ".show table Events details");
    expect(one.columns).toEqual(DETAILS);
    expect(one.rows).toHaveLength(1);
    const row = one.rows[0] as unknown[];
    expect(row.slice(0, 12)).toEqual(["Events", "Defender", "Raw", "All events", 0, 0, 0, 0, 0, 0, 0, 0]);
    // No policies set anywhere: effective retention and batching are the literal null, extent times are null.
    expect(row[13]).toBe("null");
    expect(row[18]).toBe("null");
    expect(row[19]).toBeNull();
    expect(row[22]).toMatch(/^[0-9a-f-]{36}$/);
    const f = await failure(h.admin.executeMgmt("Defender", ".show table Nope details"));
    expect(f.code).toBe("BadRequest_EntityNotFound");
  });

  it(".show table T schema as json", async () => {
    const r = await mgmt(h.admin, ".show table Merged schema as json");
    expect(r.columns).toEqual(SCHEMA_ROW);
    expect(JSON.parse(r.rows[0]?.[1] as string)).toEqual({
      Name: "Merged",
      OrderedColumns: [
        { Name: "A", Type: "System.String", CslType: "string" },
        { Name: "B", Type: "System.Int64", CslType: "long" },
        { Name: "C", Type: "System.DateTime", CslType: "datetime" },
        { Name: "D", Type: "System.Object", CslType: "dynamic" },
      ],
    });
  });

  it(".show database [D] schema as json returns one DatabaseSchema string", async () => {
    for (const text of [".show database schema as json", ".show database Defender schema as json"]) {
      const r = await mgmt(h.admin, text);
      expect(r.columns).toEqual(["DatabaseSchema:string"]);
      const json = JSON.parse(r.rows[0]?.[0] as string);
      const db = json.Databases.Defender;
      expect(db.Name).toBe("Defender");
      expect(db.Tables.Events.OrderedColumns[0]).toEqual({ Name: "Name", Type: "System.String", CslType: "string" });
      expect(db.Functions).toEqual({});
    }
    const f = await failure(h.admin.executeMgmt("Defender", ".show database Other schema as json"));
    expect(f.status).toBe(404);
  });

  it(".drop table returns the remaining tables; ifexists tolerates a missing one", async () => {
    await mgmt(h.admin, ".create table Doomed (x:long)");
    const r = await mgmt(h.admin, ".drop table Doomed");
    expect(r.columns).toEqual(["TableName:string", "DatabaseName:string"]);
    expect(r.rows.map((row) => row[0])).not.toContain("Doomed");
    expect(r.rows.map((row) => row[0])).toContain("Events");
    const again = await mgmt(h.admin, ".drop table Doomed ifexists");
    expect(again.rows.map((row) => row[0])).toContain("Events");
    const f = await failure(h.admin.executeMgmt("Defender", ".drop table Doomed"));
    expect(f).toMatchObject({ status: 400, code: "BadRequest_EntityNotFound" });
  });

  it("rejects a column type the engine does not store", async () => {
    const f = await failure(h.admin.executeMgmt("Defender", ".create table Odd (x:uint8)"));
    expect(f.status).toBe(400);
    expect(f.message).toMatch(/Column type 'uint8' .* is not supported by the local engine/);
  });
});

describe("table properties and csl schema", () => {
  it(".alter table T docstring / folder, .show table T cslschema", async () => {
    await mgmt(h.admin, ".create table Props (a:string, b:long)");
    const doc = await mgmt(h.admin, ".alter table Props docstring 'the doc'");
    expect(doc.columns).toEqual(SCHEMA_ROW);
    expect(doc.rows[0]?.[4]).toBe("the doc");
    const folder = await mgmt(h.admin, ".alter table Props folder @'a\\b'");
    expect(folder.rows[0]?.[3]).toBe("a\\b");
    const csl = await mgmt(h.admin, ".show table Props cslschema");
    expect(csl.columns).toEqual(SCHEMA_ROW);
    expect(csl.rows).toEqual([["Props", "a:string, b:long", "Defender", "a\\b", "the doc"]]);
  });
});

describe("concurrent changes", () => {
  it("serialises concurrent changing commands on the same table (no lost columns, no internal errors)", async () => {
    const texts = [
      ".create-merge table Same (a:string)",
      ".create-merge table Same (b:long)",
      ".create-merge table Same (a:string, c:real)",
      ".create table Same (z:string)",
      ".alter-merge table Same (d:bool)",
    ];
    const results = await Promise.allSettled(texts.map((t) => mgmt(h.admin, t)));
    // .alter-merge may run before the table exists (then it is EntityNotFound); everything else succeeds.
    results.slice(0, 4).forEach((r) => expect(r.status).toBe("fulfilled"));
    const cols = JSON.parse(
      (await mgmt(h.admin, ".show table Same schema as json")).rows[0]?.[1] as string,
    ).OrderedColumns;
    const names = cols.map((c: { Name: string }) => c.Name);
    expect(names).toEqual(expect.arrayContaining(["a", "b", "c"]));
    expect(new Set(names).size).toBe(names.length);
  });
});
