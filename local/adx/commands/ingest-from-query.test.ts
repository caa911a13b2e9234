/** `.set`, `.append`, `.set-or-append`, `.set-or-replace` over HTTP with the official client. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type Harness, mgmt, startHarness } from "../testing/harness";
import { queryRows, scalar } from "../ingest/testing";

const RESULT = [
  "ExtentId:guid",
  "OriginalSize:real",
  "ExtentSize:real",
  "CompressedSize:real",
  "IndexSize:real",
  "RowCount:long",
];

describe("ingest from query", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it(".set creates the table from the query's schema and reports one extent", async () => {
    const r = await mgmt(
      h.admin,
      ".set T1 with (folder='Derived', docstring='made by .set') <| print a = 1, b = 'x', c = datetime(2026-01-05)",
    );
    expect(r.columns).toEqual(RESULT);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]![5]).toBe(1);
    expect(Number(r.rows[0]![1])).toBeGreaterThan(0);
    const schema = await mgmt(h.admin, ".show table T1 schema as json");
    expect(JSON.parse(String(schema.rows[0]![1])).OrderedColumns.map((c: { CslType: string }) => c.CslType)).toEqual([
      "long",
      "string",
      "datetime",
    ]);
    expect(schema.rows[0]!.slice(3)).toEqual(["Derived", "made by .set"]);
    expect((await failure(mgmt(h.admin, ".set T1 <| print a = 2, b = 'y', c = now()"))).message).toBe(
      "Entity 'T1' of kind 'Table' already exists.",
    );
  });

  it(".append matches by type and position, not by name; a mismatch or missing table fails", async () => {
    await mgmt(h.admin, ".append T1 <| print other = 2, name = 'y', c = datetime(2026-01-06)");
    expect(await queryRows(h.admin, "T1 | order by a asc | project a, b")).toEqual([
      [1, "x"],
      [2, "y"],
    ]);
    const mismatch = await failure(mgmt(h.admin, ".append T1 <| print a = 'text', b = 1, c = now()"));
    expect(mismatch.message).toContain("QuerySchema=('string,long,datetime'), TableSchema=('long,string,datetime')");
    const missing = await failure(mgmt(h.admin, ".append Nope <| print a = 1"));
    expect(missing.code).toBe("BadRequest_EntityNotFound");
  });

  it("returns zero rows when nothing is ingested, and creates the table anyway (the docs' take 0 idiom)", async () => {
    const r = await mgmt(h.admin, ".set-or-append T2 <| T1 | take 0");
    expect(r.rows).toEqual([]);
    expect(await scalar(h.admin, "T2 | count")).toBe(0);
    await mgmt(h.admin, ".set-or-append T2 <| T1");
    await mgmt(h.admin, ".set-or-append T2 <| T1 | where a == 1");
    expect(await scalar(h.admin, "T2 | count")).toBe(3);
    expect(await scalar(h.admin, "T2 | summarize dcount(ingestion_time())")).toBe(2);
  });

  it(".set-or-replace replaces the rows, keeps the schema", async () => {
    await mgmt(h.admin, ".set-or-replace T2 <| T1 | where a == 2");
    expect(await queryRows(h.admin, "T2 | project a")).toEqual([[2]]);
    const details = await mgmt(h.admin, ".show table T2 details");
    expect(details.rows[0]![4]).toBe(1);
    expect(details.rows[0]![7]).toBe(1);
  });

  it("fires the update policies of the target", async () => {
    await mgmt(h.admin, ".create table Derived (a: long)");
    await mgmt(h.admin, ".create-or-alter function DoubleIt() { T2 | project a = a * 2 }");
    await mgmt(
      h.admin,
      `.alter table Derived policy update @'[{"IsEnabled": true, "Source": "T2", "Query": "DoubleIt()", "IsTransactional": true}]'`,
    );
    await mgmt(h.admin, ".append T2 <| print a = 21, b = 'z', c = now()");
    // Only the new rows of T2 feed the policy, not the row already there.
    expect(await queryRows(h.admin, "Derived")).toEqual([[42]]);
  });

  it("refuses ingestors creating tables and columns named with $", async () => {
    expect((await failure(mgmt(h.ingestor, ".set-or-append Fresh <| print a = 1"))).status).toBe(403);
    await mgmt(h.ingestor, ".append T2 <| print a = 5, b = 'i', c = now()");
    const dollar = await failure(mgmt(h.admin, ".set-or-append T3 <| T1 | extend ingestion_time()"));
    expect(dollar.status).toBe(400);
  });
});
