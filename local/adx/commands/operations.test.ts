import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_OID, failure, type Harness, mgmt, startHarness, VIEWER_OID } from "../testing/harness";

const TENANT = "7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01";
const ADMIN = `aaduser=${ADMIN_OID};${TENANT}`;
const VIEWER = `aaduser=${VIEWER_OID};${TENANT}`;
const SCRIPT_COLUMNS = [
  "OperationId:guid",
  "CommandType:string",
  "CommandText:string",
  "Result:string",
  "Reason:string",
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const tableNames = async (): Promise<unknown[]> => (await mgmt(h.admin, ".show tables")).rows.map((r) => r[0]);

describe(".execute database script", () => {
  it("runs commands in order and stops at the first failure (HTTP 200, failure in Result/Reason)", async () => {
    const r = await mgmt(
      h.admin,
      `.execute database script <|
// first the table
.create-merge table S1 (a:string, b:long)

.create-merge table S1 (a:long)
.create table S3 (x:long)`,
    );
    expect(r.columns).toEqual(SCRIPT_COLUMNS);
    expect(r.rows.map((row) => [row[1], row[2], row[3]])).toEqual([
      ["TableCreateMerge", ".create-merge table S1 (a:string, b:long)", "Completed"],
      ["TableCreateMerge", ".create-merge table S1 (a:long)", "Failed"],
      ["", ".create table S3 (x:long)", "Skipped"],
    ]);
    expect(r.rows[1]?.[4]).toMatch(/Column 'a' is of type 'string', requested 'long'/);
    expect(r.rows[0]?.[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await tableNames()).not.toContain("S3");
  });

  it("ContinueOnErrors=true runs the rest; read-only .show commands are skipped", async () => {
    const r = await mgmt(
      h.admin,
      `.execute database script with (ContinueOnErrors=true) <|
.create-merge table S1 (a:long)
.show tables
.create table S3 (x:long)
.alter table S3 policy retention '{"SoftDeletePeriod":"1.00:00:00"}'`,
    );
    expect(r.rows.map((row) => row[3])).toEqual(["Failed", "Skipped", "Completed", "Completed"]);
    expect(r.rows[3]?.[1]).toBe("TableRetentionPolicyAlter");
    expect(await tableNames()).toContain("S3");
  });

  it("ThrowOnErrors=true fails the whole call with the command's error", async () => {
    const f = await failure(
      h.admin.executeMgmt(
        "Defender",
        ".execute database script with (ThrowOnErrors=true) <|\n.create table S4 (x:long)\n.alter-merge table Nope (x:long)",
      ),
    );
    expect(f).toMatchObject({ status: 400, code: "BadRequest_EntityNotFound" });
    // Not transactional: the command before the failure stays applied.
    expect(await tableNames()).toContain("S4");
  });

  it("applies a whole table setup (function, table, update policy) in one script, and re-running changes nothing", async () => {
    const script = `.execute database script <|
.create-merge table Raw (Raw:dynamic)
.create-or-alter function with (folder='UpdatePolicies', skipvalidation='true') ParseT() { Raw | project A = tostring(Raw.a), N = tolong(Raw.n) }
.create-merge table Parsed (A:string, N:long)
.alter table Parsed policy update @'[{"IsEnabled":true,"Source":"Raw","Query":"ParseT()","IsTransactional":true}]'
.alter-merge table Raw policy retention softdelete = 0s recoverability = disabled`;
    const first = await mgmt(h.admin, script);
    expect(first.rows.map((row) => row[3])).toEqual(["Completed", "Completed", "Completed", "Completed", "Completed"]);
    expect(first.rows.map((row) => row[1])).toEqual([
      "TableCreateMerge",
      "FunctionCreateOrAlter",
      "TableCreateMerge",
      "TableUpdatePolicyAlter",
      "TableRetentionPolicyAlterMerge",
    ]);
    const before = await mgmt(h.admin, ".show table * policy update");
    const again = await mgmt(h.admin, script);
    expect(again.rows.map((row) => row[3])).toEqual(["Completed", "Completed", "Completed", "Completed", "Completed"]);
    expect(await mgmt(h.admin, ".show table * policy update")).toEqual(before);
  });

  it("needs database admin", async () => {
    const f = await failure(h.viewer.executeMgmt("Defender", ".execute database script <|\n.create table V (x:long)"));
    expect(f.status).toBe(403);
  });
});

describe(".show commands-and-queries, .show journal, .show version, .show databases", () => {
  it(".show commands-and-queries lists every request with text, type, principal, times and state", async () => {
    await failure(h.admin.executeMgmt("Defender", ".alter-merge table Missing (x:long)"));
    await h.admin.execute("Defender", "S1 | take 1");
    await mgmt(h.viewer, ".show tables");
    const r = await mgmt(h.admin, ".show commands-and-queries");
    // Written out from the parser's declaration on purpose: importing the engine's list would test it against itself.
    expect(r.columns).toEqual([
      "ClientActivityId:string",
      "CommandType:string",
      "Text:string",
      "Database:string",
      "StartedOn:datetime",
      "LastUpdatedOn:datetime",
      "Duration:timespan",
      "State:string",
      "FailureReason:string",
      "RootActivityId:guid",
      "User:string",
      "Application:string",
      "Principal:string",
      "ClientRequestProperties:dynamic",
      "TotalCpu:timespan",
      "MemoryPeak:long",
      "CacheStatistics:dynamic",
      "ScannedExtentsStatistics:dynamic",
      "ResultSetStatistics:dynamic",
      "WorkloadGroup:string",
      "VirtualCluster:string",
    ]);
    const byText = new Map(r.rows.map((row) => [row[2], row]));
    expect(byText.get(".create-merge table S1 (a:string, b:long)")).toBeUndefined(); // nested: logged as the script
    expect([...byText.keys()].filter((t) => String(t).startsWith(".execute database script"))).toHaveLength(5);
    const failed = byText.get(".alter-merge table Missing (x:long)");
    expect(failed?.[1]).toBe("TableAlterMerge");
    expect(failed?.[3]).toBe("Defender");
    expect(failed?.[7]).toBe("Failed");
    expect(failed?.[8]).toBe("Entity ID 'Missing' of kind 'Table' was not found.");
    expect(failed?.[12]).toBe(ADMIN);
    expect(failed?.[10]).toBe(ADMIN_OID); // the token's name claim (the harness uses the oid as name)
    expect(failed?.[0]).toMatch(/^KNC\.execute;[0-9a-f-]{36}$/);
    expect(failed?.[4]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(failed?.[6]).toMatch(/^\d{2}:\d{2}:\d{2}(\.\d{7})?$/);
    const query = byText.get("S1 | take 1");
    expect(query?.[1]).toBe("Query");
    const viewerRow = r.rows.find((row) => row[12] === VIEWER && row[2] === ".show tables");
    expect(viewerRow?.[7]).toBe("Completed");
    // A viewer only sees its own requests.
    const own = await mgmt(h.viewer, ".show commands-and-queries");
    expect(new Set(own.rows.map((row) => row[12]))).toEqual(new Set([VIEWER]));
  });

  it(".show journal records metadata changes with the command and principal", async () => {
    const r = await mgmt(h.admin, ".show journal");
    expect(r.columns).toEqual([
      "Event:string",
      "EventTimestamp:datetime",
      "Database:string",
      "EntityName:string",
      "UpdatedEntityName:string",
      "EntityVersion:string",
      "EntityContainerName:string",
      "OriginalEntityState:string",
      "UpdatedEntityState:string",
      "ChangeCommand:string",
      "Principal:string",
      "RootActivityId:guid",
      "ClientRequestId:string",
      "User:string",
      "OriginalEntityVersion:string",
    ]);
    const create = r.rows.find((row) => row[0] === "CREATE-TABLE" && row[3] === "[Defender].[S1]");
    expect(create?.[2]).toBe("Defender");
    expect(create?.[8]).toBe("(a:string, b:long)");
    expect(create?.[9]).toBe(".create-merge table S1 (a:string, b:long)");
    expect(create?.[10]).toBe(ADMIN);
    expect(r.rows.some((row) => row[0] === "ALTER-TABLE-RETENTION-POLICY" && row[3] === "[Defender].[S3]")).toBe(true);
    // Failed commands change nothing and are not journaled.
    expect(r.rows.some((row) => String(row[3]).includes("Missing"))).toBe(false);
  });

  it(".show version and .show databases", async () => {
    const v = await mgmt(h.admin, ".show version");
    expect(v.columns).toEqual([
      "BuildVersion:string",
      "BuildTime:datetime",
      "ServiceType:string",
      "ProductVersion:string",
      "ServiceOffering:string",
    ]);
    const d = await mgmt(h.viewer, ".show databases");
    expect(d.columns).toEqual([
      "DatabaseName:string",
      "PersistentStorage:string",
      "Version:string",
      "IsCurrent:bool",
      "DatabaseAccessMode:string",
      "PrettyName:string",
      "ReservedSlot1:bool",
      "DatabaseId:guid",
      "InTransitionTo:string",
      "SuspensionState:string",
    ]);
    expect(d.rows).toHaveLength(1);
    expect(d.rows[0]?.[0]).toBe("Defender");
    expect(d.rows[0]?.[3]).toBe(true);
  });
});
