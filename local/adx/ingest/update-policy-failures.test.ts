/**
 * Update policy failures (transactional vs not), malformed messages among good ones, zero retention without a
 * policy, and the `.show ingestion failures` schema — over HTTP with the official client.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type Harness, mgmt, startHarness } from "../testing/harness";
import { intake, message, record, scalar, streamSink } from "./testing";

const INLINE = `.ingest inline into table Src with (format='multijson', ingestionMappingReference='SrcMapping') <| `;

const okFunction = (name: string) =>
  `.create-or-alter function ${name}() { Src | mv-expand r = Raw.records | project a = tostring(r.properties.a) }`;
// A later change of the function breaks the policy at run time (ADX validates only when the policy is set).
const brokenFunction = (name: string) =>
  `.create-or-alter function ${name}() { Src | mv-expand r = Raw.records | project a = tolong(r.properties.a) }`;

async function failures(h: Harness) {
  const r = await mgmt(h.admin, ".show ingestion failures");
  const at = (name: string) => r.columns.findIndex((c) => c.startsWith(`${name}:`));
  return r.rows.map((row) => ({
    table: row[at("Table")],
    details: String(row[at("Details")]),
    code: row[at("ErrorCode")],
    fromPolicy: row[at("OriginatesFromUpdatePolicy")],
    kind: row[at("FailureKind")],
    source: row[at("IngestionSourcePath")],
  }));
}

describe("update policy failures", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const c of [
      ".create table Src (Raw: dynamic)",
      `.create table Src ingestion json mapping 'SrcMapping' '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
      ".create table Tx (a: string)",
      ".create table NonTx (a: string)",
      okFunction("F1"),
      okFunction("F2"),
      `.alter table Tx policy update @'[{"IsEnabled": true, "Source": "Src", "Query": "F1()", "IsTransactional": true}]'`,
      `.alter table NonTx policy update @'[{"IsEnabled": true, "Source": "Src", "Query": "F2()", "IsTransactional": false}]'`,
    ]) {
      await mgmt(h.admin, c);
    }
  });
  afterAll(async () => h?.close());

  it("declares the documented .show ingestion failures columns", async () => {
    const r = await mgmt(h.admin, ".show ingestion failures");
    expect(r.columns).toEqual([
      "OperationId:guid",
      "Database:string",
      "Table:string",
      "FailedOn:datetime",
      "IngestionSourcePath:string",
      "Details:string",
      "FailureKind:string",
      "RootActivityId:guid",
      "OperationKind:string",
      "OriginatesFromUpdatePolicy:bool",
      "ErrorCode:string",
      "Principal:string",
      "User:string",
      "IngestionProperties:string",
      "NumberOfSources:int",
      "ShouldRetry:bool",
    ]);
    expect(r.rows).toEqual([]);
  });

  it("routes into both targets while the policies work", async () => {
    await mgmt(h.admin, INLINE + message(record("X", { a: "one" })));
    expect([
      await scalar(h.admin, "Src | count"),
      await scalar(h.admin, "Tx | count"),
      await scalar(h.admin, "NonTx | count"),
    ]).toEqual([1, 1, 1]);
  });

  it("a non-transactional failure keeps the source rows and records the failure", async () => {
    await mgmt(h.admin, brokenFunction("F2"));
    const result = await mgmt(h.admin, INLINE + message(record("X", { a: "two" })));
    expect(result.rows).toHaveLength(1);
    expect([
      await scalar(h.admin, "Src | count"),
      await scalar(h.admin, "Tx | count"),
      await scalar(h.admin, "NonTx | count"),
    ]).toEqual([2, 2, 1]);
    const [f] = (await failures(h)).filter((x) => x.table === "NonTx");
    expect(f).toMatchObject({
      code: "UpdatePolicy_QuerySchemaDoesNotMatchTableSchema",
      fromPolicy: true,
      kind: "Permanent",
    });
    expect(f!.details).toContain("Target Table = 'NonTx'");
    expect(f!.details).toContain("QuerySchema=('long'), TableSchema=('string')");
    await mgmt(h.admin, okFunction("F2"));
  });

  it("a transactional failure fails the ingestion: nothing lands in the source or any target", async () => {
    await mgmt(h.admin, brokenFunction("F1"));
    const err = await failure(mgmt(h.admin, INLINE + message(record("X", { a: "three" }))));
    expect(err.status).toBe(400);
    expect(err.code).toBe("UpdatePolicy_QuerySchemaDoesNotMatchTableSchema");
    expect([
      await scalar(h.admin, "Src | count"),
      await scalar(h.admin, "Tx | count"),
      await scalar(h.admin, "NonTx | count"),
    ]).toEqual([2, 2, 1]);
    const tx = (await failures(h)).filter((x) => x.table === "Tx");
    expect(tx).toHaveLength(1);
    expect(tx[0]).toMatchObject({ fromPolicy: true, code: "UpdatePolicy_QuerySchemaDoesNotMatchTableSchema" });
  });

  it("a transactional failure of a queued batch drops the batch and records it", async () => {
    const sink = await streamSink(h, "Src", "SrcMapping");
    expect(await sink(message(record("X", { a: "four" })))).toBe("accepted");
    await intake(h).flush("Src");
    expect([
      await scalar(h.admin, "Src | count"),
      await scalar(h.admin, "Tx | count"),
      await scalar(h.admin, "NonTx | count"),
    ]).toEqual([2, 2, 1]);
    expect((await failures(h)).filter((x) => x.table === "Tx")).toHaveLength(2);
    await mgmt(h.admin, okFunction("F1"));
  });

  it("a malformed message becomes a failure while the good messages of the batch land", async () => {
    const before = (await failures(h)).length;
    const sink = await streamSink(h, "Src", "SrcMapping");
    expect(await sink(message(record("X", { a: "good-1" })))).toBe("accepted");
    expect(await sink(`{"records":[{"category":"AdvancedHunting-X","properties":{"a":"cut`)).toBe("accepted");
    expect(await sink(`{"records":[]} trailing-garbage`)).toBe("accepted");
    expect(await sink(message(record("X", { a: "good-2" })))).toBe("accepted");
    await intake(h).flush("Src");
    expect(await scalar(h.admin, "Tx | where a startswith 'good' | count")).toBe(2);
    const added = (await failures(h)).slice(before);
    expect(added).toHaveLength(2);
    for (const f of added) {
      expect(f).toMatchObject({ table: "Src", fromPolicy: false, kind: "Permanent", code: "BadRequest_InvalidBlob" });
      expect(f.source).toMatch(/^eventhub:\/\/Src\/\d+$/);
    }
    expect(added.map((f) => f.details).join("\n")).toMatch(/not closed|Expected a JSON object at position 15/);
  });

  it("refuses a zero-retention table that feeds no update policy", async () => {
    await mgmt(h.admin, ".create table Lonely (a: string)");
    await mgmt(h.admin, ".alter-merge table Lonely policy retention softdelete = 0s");
    const err = await failure(mgmt(h.admin, ".ingest inline into table Lonely <| x"));
    expect(err.code).toBe("BadRequest_ZeroRetentionPolicyWithNoUpdatePolicy");
  });

  it("a bad mapping reference fails .ingest inline with ADX's code", async () => {
    const err = await failure(
      mgmt(h.admin, ".ingest inline into table Src with (format='multijson', ingestionMappingReference='Nope') <| {}"),
    );
    expect(err.code).toBe("BadRequest_MappingReferenceWasNotFound");
  });
});
