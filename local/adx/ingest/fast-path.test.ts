/**
 * The fast path (policies appended straight to their tables inside the commit transaction, prepared statements kept
 * across batches) gives the same results as the staged path: runtime failures of transactional and
 * non-transactional policies, a policy reading another table of the same ingestion, metadata changes between
 * batches, one extent per table with one ingestion time, and nothing left staged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type Harness, mgmt, startHarness } from "../testing/harness";
import { intake, message, queryRows, record, scalar, streamSink } from "./testing";

const inline = (table: string, ...records: object[]) =>
  `.ingest inline into table ${table} with (format='multijson', ingestionMappingReference='M') <| ${message(...records)}`;

// `tolong(n) * 2` overflows in DuckDB for a large n: a failure that only shows when the statement runs.
const doubling = (source: string) =>
  `${source} | mv-expand r = Raw.records | project a = tostring(tolong(r.properties.n) * 2)`;
const copying = (source: string) => `${source} | mv-expand r = Raw.records | project a = tostring(r.properties.n)`;
const policy = (source: string, fn: string, transactional: boolean) =>
  `@'[{"IsEnabled": true, "Source": "${source}", "Query": "${fn}()", "IsTransactional": ${transactional}}]'`;
const HUGE = "9223372036854775807";

async function failuresOf(h: Harness, table: string) {
  const r = await mgmt(h.admin, ".show ingestion failures");
  const at = (name: string) => r.columns.findIndex((c) => c.startsWith(`${name}:`));
  return r.rows
    .filter((row) => row[at("Table")] === table)
    .map((row) => ({ code: row[at("ErrorCode")], kind: row[at("FailureKind")], details: String(row[at("Details")]) }));
}

async function counts(h: Harness, ...tables: string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const t of tables) out.push(await scalar(h.admin, `${t} | count`));
  return out;
}

describe("update policies on the fast path", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const commands: string[] = [];
    for (const s of ["A", "B", "C", "D"]) {
      commands.push(
        `.create table Src${s} (Raw: dynamic)`,
        `.create table Src${s} ingestion json mapping 'M' '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
      );
    }
    commands.push(
      // A: a working transactional policy and a non-transactional one that can overflow.
      ".create table GoodA (a: string)",
      ".create table BadA (a: string)",
      `.create-or-alter function CopyA() { ${copying("SrcA")} }`,
      `.create-or-alter function DoubleA() { ${doubling("SrcA")} }`,
      `.alter table GoodA policy update ${policy("SrcA", "CopyA", true)}`,
      `.alter table BadA policy update ${policy("SrcA", "DoubleA", false)}`,
      // B: the same, but the overflowing policy is transactional.
      ".create table GoodB (a: string)",
      ".create table BadB (a: string)",
      `.create-or-alter function CopyB() { ${copying("SrcB")} }`,
      `.create-or-alter function DoubleB() { ${doubling("SrcB")} }`,
      `.alter table GoodB policy update ${policy("SrcB", "CopyB", true)}`,
      `.alter table BadB policy update ${policy("SrcB", "DoubleB", true)}`,
      // C: one policy reads the other target's table, so it must see it as it was before the ingestion.
      ".create table FirstC (a: string)",
      ".create table SecondC (a: string)",
      `.create-or-alter function CopyC() { ${copying("SrcC")} }`,
      `.create-or-alter function CountC() { union (${copying("SrcC")}), (FirstC | project a = strcat('seen-', a)) }`,
      `.alter table FirstC policy update ${policy("SrcC", "CopyC", true)}`,
      `.alter table SecondC policy update ${policy("SrcC", "CountC", true)}`,
      // D: routing by category, as the console's setup does.
      ".create table OnlyX (a: string)",
      ".create table OnlyY (a: string)",
      `.create-or-alter function RouteX() { ${copying("SrcD")} | where isnotempty(a) and a startswith 'x' }`,
      `.create-or-alter function RouteY() { ${copying("SrcD")} | where isnotempty(a) and a startswith 'y' }`,
      `.alter table OnlyX policy update ${policy("SrcD", "RouteX", true)}`,
      `.alter table OnlyY policy update ${policy("SrcD", "RouteY", true)}`,
    );
    for (const c of commands) await mgmt(h.admin, c);
  });
  afterAll(async () => h?.close());

  it("lands every table's rows as one extent with one ingestion time", async () => {
    await mgmt(h.admin, inline("SrcA", record("X", { n: 1 }), record("X", { n: 2 })));
    await mgmt(h.admin, inline("SrcA", record("X", { n: 3 })));
    expect(await counts(h, "SrcA", "GoodA", "BadA")).toEqual([2, 3, 3]);
    expect(await queryRows(h.admin, "BadA | order by a asc | project a")).toEqual([["2"], ["4"], ["6"]]);
    const db = h.engine.storage.db;
    for (const table of ["GoodA", "BadA"]) {
      const rows = await db.all(
        `SELECT CAST(d."$extent_id" AS VARCHAR) AS id, count(*) AS n, count(DISTINCT d."$ingestion_time") AS times,
                any_value(e.row_count) AS recorded, any_value(e.created_on = d."$ingestion_time") AS same_time
           FROM t."${table}" AS d JOIN meta.extents AS e ON e.extent_id = d."$extent_id" AND e.table_name = ?
          GROUP BY 1 ORDER BY n`,
        [table],
      );
      expect(rows.map((r) => [Number(r.n), Number(r.times), Number(r.recorded), r.same_time])).toEqual([
        [1, 1, 1, true],
        [2, 1, 2, true],
      ]);
    }
  });

  it("a non-transactional policy failing at run time keeps the other rows and records the failure", async () => {
    await mgmt(h.admin, inline("SrcA", record("X", { n: 4 }), record("X", { n: HUGE })));
    expect(await counts(h, "SrcA", "GoodA", "BadA")).toEqual([3, 5, 3]);
    const [f] = await failuresOf(h, "BadA");
    expect(f).toMatchObject({ code: "UpdatePolicy_IngestionError", kind: "Transient" });
    expect(f!.details).toContain("Overflow");
    // The next batch works again: nothing was left half-staged.
    await mgmt(h.admin, inline("SrcA", record("X", { n: 5 })));
    expect(await counts(h, "SrcA", "GoodA", "BadA")).toEqual([4, 6, 4]);
  });

  it("a transactional policy failing at run time fails the ingestion: nothing lands anywhere", async () => {
    await mgmt(h.admin, inline("SrcB", record("X", { n: 1 })));
    const err = await failure(mgmt(h.admin, inline("SrcB", record("X", { n: 2 }), record("X", { n: HUGE }))));
    expect(err.status).toBe(400);
    expect(err.code).toBe("UpdatePolicy_IngestionError");
    expect(await counts(h, "SrcB", "GoodB", "BadB")).toEqual([1, 1, 1]);
    expect(await failuresOf(h, "BadB")).toHaveLength(1);
    // Queued: the batch is dropped and recorded; the next batch lands.
    const sink = await streamSink(h, "SrcB", "M");
    expect(await sink(message(record("X", { n: HUGE })))).toBe("accepted");
    await intake(h).flush("SrcB");
    expect(await counts(h, "SrcB", "GoodB", "BadB")).toEqual([1, 1, 1]);
    expect(await failuresOf(h, "BadB")).toHaveLength(2);
    expect(await sink(message(record("X", { n: 7 })))).toBe("accepted");
    await intake(h).flush("SrcB");
    expect(await counts(h, "SrcB", "GoodB", "BadB")).toEqual([2, 2, 2]);
  });

  it("a policy reading another target sees that table as it was before the ingestion", async () => {
    await mgmt(h.admin, inline("SrcC", record("X", { n: 1 })));
    await mgmt(h.admin, inline("SrcC", record("X", { n: 2 }), record("X", { n: 3 })));
    // Never 'seen-2' or 'seen-3': FirstC's new rows are not visible to the policies of the same ingestion.
    expect(await queryRows(h.admin, "SecondC | order by a asc")).toEqual([["1"], ["2"], ["3"], ["seen-1"]]);
  });

  it("routes a batch unlike the batches before it (plans do not depend on the rows they first ran on)", async () => {
    await mgmt(h.admin, inline("SrcD", record("X", { n: "x1" })));
    await mgmt(h.admin, inline("SrcD", record("X", { n: "y1" }), record("X", { n: null })));
    await mgmt(h.admin, inline("SrcD", record("X", { n: "x2" }), record("X", { n: "y2" })));
    expect(await queryRows(h.admin, "OnlyX | order by a asc")).toEqual([["x1"], ["x2"]]);
    expect(await queryRows(h.admin, "OnlyY | order by a asc")).toEqual([["y1"], ["y2"]]);
  });

  it("uses the new query after a metadata change between batches", async () => {
    const sink = await streamSink(h, "SrcA", "M");
    expect(await sink(message(record("X", { n: 10 })))).toBe("accepted");
    await intake(h).flush("SrcA");
    await mgmt(
      h.admin,
      `.create-or-alter function CopyA() { SrcA | mv-expand r = Raw.records | project a = strcat('v2-', tostring(r.properties.n)) }`,
    );
    expect(await sink(message(record("X", { n: 11 })))).toBe("accepted");
    await intake(h).flush("SrcA");
    expect(await queryRows(h.admin, "GoodA | where a in ('10', 'v2-11') | order by a asc")).toEqual([
      ["10"],
      ["v2-11"],
    ]);
  });

  it("leaves nothing staged after an ingestion", async () => {
    const db = h.engine.storage.db;
    const staged = await db.all(`SELECT table_name FROM duckdb_tables() WHERE temporary`);
    expect(staged.length).toBeGreaterThan(0);
    for (const { table_name } of staged) {
      const [row] = await db.all(`SELECT count(*) AS n FROM temp.main."${String(table_name)}"`);
      expect(Number(row?.n), String(table_name)).toBe(0);
    }
  });
});
