/**
 * `.show … | <query operators>` through the official client over HTTP (v1 mgmt, v2 query), plus the raw v1 wire
 * types of a piped result and the error cases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_OID, DB, failure, type Harness, mgmt, primary, startHarness, userClaims } from "../testing/harness";
import { cellText } from "./piped";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (const c of [
    ".create table Src (Raw: dynamic)",
    `.create table Src ingestion json mapping 'SrcMapping' '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
    ".create table Parsed (a: string) with (folder='UpdatePolicies')",
    ".create table Other (b: long) with (folder='UpdatePolicies', docstring='d')",
    ".create-or-alter function with (folder='UpdatePolicies') FilterParsed() { Src | mv-expand r = Raw.records | project a = tostring(r.a) }",
    ".create-or-alter function with (folder='Tools') FilterOther() { Other | take 1 }",
    ".create-or-alter function Helper() { print 1 }",
    `.alter table Parsed policy update @'[{"IsEnabled": true, "Source": "Src", "Query": "FilterParsed()", "IsTransactional": false}]'`,
  ]) {
    await mgmt(h.admin, c);
  }
});
afterAll(async () => h?.close());

const INLINE = `.ingest inline into table Src with (format='multijson', ingestionMappingReference='SrcMapping') <| `;

describe("piping a command's result into query operators", () => {
  it(".show tables | where Folder == … | project TableName", async () => {
    const r = await mgmt(
      h.admin,
      '.show tables | where Folder == "UpdatePolicies" | project TableName | order by TableName asc',
    );
    expect(r).toEqual({ columns: ["TableName:string"], rows: [["Other"], ["Parsed"]] });
  });

  it(".show functions | where Name startswith …", async () => {
    const r = await mgmt(
      h.admin,
      '.show functions | where Name startswith "Filter" | project Name, Folder | sort by Name asc',
    );
    expect(r).toEqual({
      columns: ["Name:string", "Folder:string"],
      rows: [
        ["FilterOther", "Tools"],
        ["FilterParsed", "UpdatePolicies"],
      ],
    });
  });

  it(".show table T policy update | project Policy (the JSON text as a string) and parse_json on it", async () => {
    const r = await mgmt(h.admin, ".show table Parsed policy update | project Policy");
    expect(r.columns).toEqual(["Policy:string"]);
    expect(JSON.parse(String(r.rows[0]?.[0]))).toMatchObject([{ Source: "Src", Query: "FilterParsed()" }]);
    const q = await mgmt(
      h.admin,
      ".show table * policy update | where Policy != 'null' | extend p = parse_json(Policy) | mv-expand p | project EntityName, Source = tostring(p.Source), Tx = tobool(p.IsTransactional)",
    );
    expect(q).toEqual({
      columns: ["EntityName:string", "Source:string", "Tx:bool"],
      rows: [["[Defender].[Parsed]", "Src", false]],
    });
  });

  it(".show commands-and-queries | where StartedOn > ago(5m) | count (datetimes compare as datetimes)", async () => {
    const r = await mgmt(h.admin, ".show commands-and-queries | where StartedOn > ago(5m) | count");
    expect(r.columns).toEqual(["Count:long"]);
    // Every setup command above, at least; this request is logged only after it answers.
    expect(r.rows[0]?.[0]).toBeGreaterThanOrEqual(8);
    const none = await mgmt(h.admin, ".show commands-and-queries | where StartedOn < ago(1d) | count");
    expect(none.rows).toEqual([[0]]);
    const typed = await mgmt(
      h.admin,
      ".show commands-and-queries | where CommandType == 'TableCreate' | summarize n = count(), d = max(Duration), t = max(StartedOn)",
    );
    expect(typed.columns).toEqual(["n:long", "d:timespan", "t:datetime"]);
    expect(typed.rows[0]?.[0]).toBe(3);
    // Raw wire values: a timespan and a 7-digit datetime.
    expect(typed.rows[0]?.[1]).toMatch(/^\d{2}:\d{2}:\d{2}(\.\d{7})?$/);
    expect(typed.rows[0]?.[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
  });

  it(".show ingestion failures | where FailedOn > ago(1h) | summarize count() by Table", async () => {
    // A later change of the function breaks the (non-transactional) policy at run time: one failure for Parsed.
    await mgmt(
      h.admin,
      ".create-or-alter function with (folder='UpdatePolicies') FilterParsed() { Src | mv-expand r = Raw.records | project a = tolong(r.a) }",
    );
    await mgmt(h.admin, INLINE + JSON.stringify({ records: [{ a: "x" }] }));
    const r = await mgmt(h.admin, ".show ingestion failures | where FailedOn > ago(1h) | summarize count() by Table");
    expect(r).toEqual({ columns: ["Table:string", "count_:long"], rows: [["Parsed", 1]] });
    const flags = await mgmt(h.admin, ".show ingestion failures | project OriginatesFromUpdatePolicy, ShouldRetry");
    expect(flags).toEqual({ columns: ["OriginatesFromUpdatePolicy:bool", "ShouldRetry:bool"], rows: [[true, false]] });
  });

  it("tail subqueries over stored tables and buildschema over a command's dynamic column", async () => {
    const r = await mgmt(h.admin, ".show tables | where TableName in (Src | take 0 | project tostring(Raw)) | count");
    expect(r.rows).toEqual([[0]]);
    const s = await mgmt(
      h.admin,
      ".show table * policy update | where Policy != 'null' | summarize s = buildschema(parse_json(Policy))",
    );
    expect(s.columns).toEqual(["s:dynamic"]);
    expect(s.rows).toEqual([
      [
        {
          "`indexer`": {
            IsEnabled: "bool",
            Source: "string",
            Query: "string",
            IsTransactional: "bool",
            PropagateIngestionProperties: "bool",
          },
        },
      ],
    ]);
  });

  it("answers on /v2/rest/query with full v2 frames, typed by the analyzer", async () => {
    const v2 = await h.admin.executeQuery(DB, ".show tables | where Folder == 'UpdatePolicies' | count");
    expect(primary(v2 as never)).toEqual({ columns: ["Count:long"], rows: [[2]] });
  });

  it("types the v1 result like a query: bool is SByte (a plain command says Boolean)", async () => {
    const token = await h.token(userClaims(ADMIN_OID));
    const post = async (csl: string) => {
      const response = await fetch(`${h.engine.url}/v1/rest/mgmt`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ db: DB, csl }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { Tables: { Columns: unknown[]; Rows: unknown[][] }[] };
    };
    const piped = await post(".show ingestion failures | project OriginatesFromUpdatePolicy, Table");
    expect(piped.Tables).toHaveLength(1);
    expect(piped.Tables[0]?.Columns).toEqual([
      { ColumnName: "OriginatesFromUpdatePolicy", DataType: "SByte", ColumnType: "bool" },
      { ColumnName: "Table", DataType: "String", ColumnType: "string" },
    ]);
    const plain = await post(".show ingestion failures");
    expect(plain.Tables[0]?.Columns).toContainEqual({
      ColumnName: "OriginatesFromUpdatePolicy",
      DataType: "Boolean",
      ColumnType: "bool",
    });
  });
});

describe("errors and permissions", () => {
  it("a semantic error in the operators names its position in the whole text", async () => {
    const f = await failure(h.admin.executeMgmt(DB, ".show tables | where Nope == 1"));
    expect(f.status).toBe(400);
    expect(f.message).toContain("KS142");
    expect(f.message).toContain("position 21");
  });

  it("an operator outside the translator's subset fails with its Kusto-style error", async () => {
    const f = await failure(
      h.admin.executeMgmt(DB, ".show tables | join (Other | project TableName = tostring(b)) on TableName"),
    );
    expect(f).toMatchObject({ status: 400, code: "General_BadRequest" });
    expect(f.message).toContain("Operator 'join' is not supported by the local engine");
  });

  it("the command's own errors come first (missing table)", async () => {
    const f = await failure(h.admin.executeMgmt(DB, ".show table Nope policy update | project Policy"));
    expect(f).toMatchObject({ status: 400, code: "BadRequest_EntityNotFound" });
  });

  it("only .show commands may be piped", async () => {
    const f = await failure(h.admin.executeMgmt(DB, ".create table X (a:string) | project a"));
    expect(f.status).toBe(400);
    expect(f.message).toContain("Piping the output of '.create table' into query operators");
    expect((await mgmt(h.admin, ".show tables | where TableName == 'X' | count")).rows).toEqual([[0]]);
  });

  it("keeps the command's permission checks (an ingestor may not list tables)", async () => {
    const f = await failure(h.ingestor.executeMgmt(DB, ".show tables | count"));
    expect(f.status).toBe(403);
    const viewer = await mgmt(h.viewer, ".show tables | count");
    expect(viewer.rows).toEqual([[3]]);
  });

  it("a viewer sees only its own requests through the piped command too", async () => {
    await mgmt(h.viewer, ".show tables");
    const r = await mgmt(h.viewer, ".show commands-and-queries | summarize dcount(Principal)");
    expect(r.rows).toEqual([[1]]);
  });
});

describe("cellText (wire value → text DuckDB casts to the declared type)", () => {
  it("converts by declared type", () => {
    expect(cellText(null, "string", "string")).toBe("");
    expect(cellText(null, "long", "long")).toBeNull();
    expect(cellText({ a: 1 }, "dynamic", "dynamic")).toBe('{"a":1}');
    expect(cellText("x", "dynamic", "dynamic")).toBe('"x"');
    expect(cellText('{"a":1}', "string", "dynamic")).toBe('{"a":1}');
    expect(cellText("not json", "string", "dynamic")).toBe('"not json"');
    expect(cellText("1.02:03:04.5000000", "timespan", "timespan")).toBe("937845000000");
    expect(cellText({ a: 1 }, "dynamic", "string")).toBe('{"a":1}');
    expect(cellText(true, "bool", "bool")).toBe("true");
  });
});
