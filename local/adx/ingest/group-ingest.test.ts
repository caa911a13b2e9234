/**
 * Batches of one table sealed while an ingestion runs are ingested together (group-ingest.ts) and give exactly what
 * ingesting them one by one gives: one extent per batch and table with the batch's own ingestion time, the batch log
 * pointing at each batch's extent, policies that are not row-local run per batch, and a failure in one batch
 * (a policy at run time, a malformed message) affects that batch only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "../testing/harness";
import { listBatches } from "./batch-log";
import { preparedCount, preparedSql } from "./stage-tables";
import { intake, message, queryRows, record, scalar } from "./testing";

const HUGE = "9223372036854775807";
const policy = (source: string, fn: string, transactional: boolean) =>
  `@'[{"IsEnabled": true, "Source": "${source}", "Query": "${fn}()", "IsTransactional": ${transactional}}]'`;
const expand = (source: string) => `${source} | mv-expand r = Raw.records`;

/** Enqueues messages in one producer batch: with 2 items per batch, they are sealed together and wait together. */
async function sendTogether(h: Harness, table: string, messages: string[]): Promise<void> {
  const result = await intake(h).enqueueAll(table, "multijson", "M", messages);
  expect(result.status).toBe("enqueued");
  await intake(h).idle();
}

/** Whether the grouped path has run on this engine (it stages its extents in a temp table of its own). */
async function groupedPathRan(h: Harness): Promise<boolean> {
  const rows = await h.engine.storage.db.all(
    `SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = 'ingest$group'`,
  );
  return rows.length > 0;
}

/** Per extent of `table`: rows, distinct ingestion times, the rows meta.extents records, whether its time matches. */
async function extentsOf(h: Harness, table: string) {
  const rows = await h.engine.storage.db.all(
    `SELECT count(*) AS n, count(DISTINCT d."$ingestion_time") AS times, any_value(e.row_count) AS recorded,
            bool_and(e.created_on = d."$ingestion_time") AS same_time, any_value(d."$ingestion_time") AS first_at
       FROM t."${table}" AS d JOIN meta.extents AS e ON e.extent_id = d."$extent_id" AND e.table_name = ?
      GROUP BY d."$extent_id" ORDER BY first_at`,
    [table],
  );
  return rows.map((r) => ({ n: Number(r.n), times: Number(r.times), recorded: Number(r.recorded), same: r.same_time }));
}

/**
 * Among the statements kept prepared on the engine's connection: whether some policy of `source` reads its shared
 * expansion, and whether the expansion was filled from the staged table (kept prepared) rather than from the queue.
 */
function fillsShared(h: Harness, source: string) {
  const prepared = preparedSql(h.engine.storage);
  const table = `shared$${source}$`;
  return {
    policies: prepared.some((sql) => sql.startsWith('INSERT INTO "t".') && sql.includes(table)),
    staged: prepared.some((sql) => sql.startsWith(`INSERT INTO "temp"."main"."${table}`)),
  };
}

describe("grouped ingestion of waiting batches", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const commands: string[] = [];
    for (const s of ["G", "S", "B", "M"]) {
      commands.push(
        `.create table Src${s} (Raw: dynamic)`,
        `.create table Src${s} ingestion json mapping 'M' '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
        `.alter table Src${s} policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:05:00", "MaximumNumberOfItems": 2}'`,
      );
    }
    commands.push(
      // G: routing by category (as the console's setup), and a target that records each row's ingestion_time().
      '.alter table SrcG policy retention @\'{"SoftDeletePeriod": "0.00:00:00", "Recoverability": "Disabled"}\'',
      ".create table OnlyX (a: string)",
      ".create table OnlyY (a: string)",
      ".create table Timed (a: string, t: datetime)",
      `.create-or-alter function RouteX() { ${expand("SrcG")} | where tostring(r.category) == 'AdvancedHunting-X' | project a = tostring(r.properties.n) }`,
      `.create-or-alter function RouteY() { ${expand("SrcG")} | where tostring(r.category) == 'AdvancedHunting-Y' | project a = tostring(r.properties.n) }`,
      `.create-or-alter function Stamp() { ${expand("SrcG")} | project a = tostring(r.properties.n), t = ingestion_time() }`,
      `.alter table OnlyX policy update ${policy("SrcG", "RouteX", true)}`,
      `.alter table OnlyY policy update ${policy("SrcG", "RouteY", true)}`,
      `.alter table Timed policy update ${policy("SrcG", "Stamp", true)}`,
      // S: a policy that summarizes: its result depends on every row of the batch.
      ".create table Counted (n: long)",
      `.create-or-alter function CountS() { ${expand("SrcS")} | summarize n = count() }`,
      `.alter table Counted policy update ${policy("SrcS", "CountS", true)}`,
      // B: a transactional policy that overflows at run time for a huge n.
      ".create table Doubled (a: string)",
      `.create-or-alter function DoubleB() { ${expand("SrcB")} | project a = tostring(tolong(r.properties.n) * 2) }`,
      `.alter table Doubled policy update ${policy("SrcB", "DoubleB", true)}`,
      // M: plain routing, for malformed messages.
      ".create table Copied (a: string)",
      `.create-or-alter function CopyM() { ${expand("SrcM")} | project a = tostring(r.properties.n) }`,
      `.alter table Copied policy update ${policy("SrcM", "CopyM", true)}`,
    );
    for (const c of commands) await mgmt(h.admin, c);
  });
  afterAll(async () => h?.close());

  it("ingests waiting batches in one pass, each batch its own extent with its own ingestion time", async () => {
    const x = (n: number) => record("X", { n: `x${n}` });
    const y = (n: number) => record("Y", { n: `y${n}` });
    // Three batches of two messages: (x1 y1, x2), (x3, y2 y3), (x4 x5, y4).
    await sendTogether(h, "SrcG", [
      message(x(1), y(1)),
      message(x(2)),
      message(x(3)),
      message(y(2), y(3)),
      message(x(4), x(5)),
      message(y(4)),
    ]);
    expect(await groupedPathRan(h)).toBe(true);
    expect(await queryRows(h.admin, "OnlyX | order by a asc")).toEqual([["x1"], ["x2"], ["x3"], ["x4"], ["x5"]]);
    expect(await extentsOf(h, "OnlyX")).toEqual([
      { n: 2, times: 1, recorded: 2, same: true },
      { n: 1, times: 1, recorded: 1, same: true },
      { n: 2, times: 1, recorded: 2, same: true },
    ]);
    expect((await extentsOf(h, "OnlyY")).map((e) => e.n)).toEqual([1, 2, 1]);
    // ingestion_time() inside the policy is each row's own batch's time, and the three batches' times differ.
    expect(await scalar(h.admin, "Timed | where t != ingestion_time() | count")).toBe(0);
    expect(await scalar(h.admin, "Timed | summarize dcount(t)")).toBe(3);
    // The batch log: three batches of two source rows (one per message), none kept in the source (retention 0).
    const batches = await listBatches(h.engine.storage, { table: "SrcG" });
    expect(batches.map((b) => [b.items, b.records, b.failedItems, b.extentId])).toEqual([
      [2, 2, 0, null],
      [2, 2, 0, null],
      [2, 2, 0, null],
    ]);
    expect(await scalar(h.admin, "SrcG | count")).toBe(0);
    // SrcG keeps nothing and only the shared expansion reads its new rows: they were read from the queue, not staged.
    expect(fillsShared(h, "SrcG")).toEqual({ policies: true, staged: false });
  });

  it("stages the new rows when a batch of the group has a message decoded in JavaScript", async () => {
    const x = (n: number) => record("X", { n: `js${n}` });
    // Trailing whitespace: valid JSON, but not a bare object, so this message is decoded in JavaScript.
    await sendTogether(h, "SrcG", [message(x(1)), `${message(x(2))} `, message(x(3)), message(x(4))]);
    expect(await queryRows(h.admin, "OnlyX | where a startswith 'js' | order by a asc")).toEqual([
      ["js1"],
      ["js2"],
      ["js3"],
      ["js4"],
    ]);
    expect((await extentsOf(h, "OnlyX")).slice(-2).map((e) => e.n)).toEqual([2, 2]);
    expect(fillsShared(h, "SrcG")).toEqual({ policies: true, staged: true });
    expect(await scalar(h.admin, "SrcG | count")).toBe(0);
  });

  it("fails the batch whose message left the queue before its group read it in place, and lands the others", async () => {
    const x = (n: number) => record("X", { n: `gone${n}` });
    const { storage } = h.engine;
    // The batches wait behind this lock, sealed and taken by a lane, while one message leaves the queue behind the
    // intake's back. Reading in place, the group would skip it without a trace.
    let release!: () => void;
    const held = storage.db.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    const sent = await intake(h).enqueueAll(
      "SrcG",
      "multijson",
      "M",
      [1, 2, 3, 4, 5, 6].map((n) => message(x(n))),
    );
    if (sent.status !== "enqueued") throw new Error(sent.reason);
    const side = await storage.db.instance.connect();
    await side.run(`DELETE FROM meta.intake_queue WHERE id = ${sent.ids[2]}`);
    side.closeSync();
    release();
    await held;
    await intake(h).idle();
    expect(await queryRows(h.admin, "OnlyX | where a startswith 'gone' | order by a asc")).toEqual([
      ["gone1"],
      ["gone2"],
      ["gone5"],
      ["gone6"],
    ]);
    const failures = await mgmt(
      h.admin,
      ".show ingestion failures | where Table == 'SrcG' and Details has 'no longer in the queue' | count",
    );
    expect(failures.rows).toEqual([[1]]);
    const batches = (await listBatches(h.engine.storage, { table: "SrcG" })).slice(-3);
    expect(batches.map((b) => [b.items, b.records, b.failedItems]).sort()).toEqual([
      [2, 0, 2],
      [2, 2, 0],
      [2, 2, 0],
    ]);
  });

  it("records each target extent's rows for a batch ingested alone the grouped way", async () => {
    const x = (n: number) => record("X", { n: `alone${n}` });
    const before = (await extentsOf(h, "OnlyX")).length;
    // One batch of two messages: a group of one, whose extents' rows come from what the policies appended.
    await sendTogether(h, "SrcG", [message(x(1), x(2), record("Y", { n: "alone-y" })), message(x(3))]);
    const onlyX = await extentsOf(h, "OnlyX");
    expect(onlyX.slice(before)).toEqual([{ n: 3, times: 1, recorded: 3, same: true }]);
    expect((await extentsOf(h, "OnlyY")).at(-1)).toEqual({ n: 1, times: 1, recorded: 1, same: true });
    expect((await extentsOf(h, "Timed")).at(-1)).toEqual({ n: 4, times: 1, recorded: 4, same: true });
  });

  it("prepares the policy statements at the first batch after a change, not again at the next ones", async () => {
    // A new source and policy: a metadata change, after which the grouped path makes its temp tables and prepares.
    await mgmt(h.admin, ".create table SrcP (Raw: dynamic)");
    await mgmt(h.admin, `.create table SrcP ingestion json mapping 'M' '[{"column":"Raw","Properties":{"Path":"$"}}]'`);
    await mgmt(
      h.admin,
      `.alter table SrcP policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:05:00", "MaximumNumberOfItems": 2}'`,
    );
    // Two policies whose queries start alike: their common expansion is computed once, in a temp table of its own.
    for (const [target, prefix] of [
      ["FromA", "a"],
      ["FromC", "c"],
    ]) {
      await mgmt(h.admin, `.create table ${target} (a: string)`);
      await mgmt(
        h.admin,
        `.create-or-alter function Route${target}() { ${expand("SrcP")} | project p = r.properties | where tostring(p.a) startswith '${prefix}' | project a = tostring(p.a) }`,
      );
      await mgmt(h.admin, `.alter table ${target} policy update ${policy("SrcP", `Route${target}`, true)}`);
    }
    const two = (n: number) => [message(record("X", { a: `a${n}` })), message(record("X", { a: `c${n}` }))];
    await sendTogether(h, "SrcP", two(1));
    const first = preparedCount(h.engine.storage);
    await sendTogether(h, "SrcP", two(2));
    await sendTogether(h, "SrcP", two(3));
    expect(preparedCount(h.engine.storage)).toBe(first);
    // Each policy's statement reads the common expansion from its temp table instead of computing it again.
    const policyInserts = preparedSql(h.engine.storage).filter((sql) => /INSERT INTO "t"\."From[AC]"/.test(sql));
    expect(policyInserts).toHaveLength(2);
    for (const sql of policyInserts) expect(sql).toContain("shared$SrcP$0");
    expect(await queryRows(h.admin, "FromA | order by a asc")).toEqual([["a1"], ["a2"], ["a3"]]);
    expect(await queryRows(h.admin, "FromC | order by a asc")).toEqual([["c1"], ["c2"], ["c3"]]);
  });

  it("runs a policy that is not row-local once per batch", async () => {
    const one = (n: number) => message(record("X", { n }));
    await sendTogether(h, "SrcS", [one(1), one(2), one(3), one(4), one(5), one(6)]);
    // One summarize per batch of two messages; a merged run would give a single row of 6.
    expect(await queryRows(h.admin, "Counted")).toEqual([[2], [2], [2]]);
    expect((await extentsOf(h, "Counted")).map((e) => e.n)).toEqual([1, 1, 1]);
    // SrcS keeps its rows: one source extent per batch.
    expect((await extentsOf(h, "SrcS")).map((e) => e.n)).toEqual([2, 2, 2]);
  });

  it("fails only the batch whose transactional policy fails at run time", async () => {
    const n = (v: number | string) => message(record("X", { n: v }));
    await sendTogether(h, "SrcB", [n(1), n(2), n(3), n(HUGE), n(5), n(6)]);
    expect(await queryRows(h.admin, "Doubled | order by a asc")).toEqual([["10"], ["12"], ["2"], ["4"]]);
    expect(await scalar(h.admin, "SrcB | count")).toBe(4);
    const failures = await mgmt(h.admin, ".show ingestion failures | where Table == 'Doubled' | count");
    expect(failures.rows).toEqual([[1]]);
    const batches = await listBatches(h.engine.storage, { table: "SrcB" });
    expect(batches.map((b) => [b.records, b.extentId === null])).toEqual([
      [2, false],
      [0, true],
      [2, false],
    ]);
  });

  it("records a malformed message once while the rest of its batch and the other batches land", async () => {
    const n = (v: number) => message(record("X", { n: v }));
    await sendTogether(h, "SrcM", [n(1), n(2), '{"records": [', n(4), n(5), n(6)]);
    expect(await queryRows(h.admin, "Copied | order by a asc")).toEqual([["1"], ["2"], ["4"], ["5"], ["6"]]);
    const failures = await mgmt(h.admin, ".show ingestion failures | where Table == 'SrcM' | count");
    expect(failures.rows).toEqual([[1]]);
    const batches = await listBatches(h.engine.storage, { table: "SrcM" });
    // Sorted: the three batches were sealed in the same millisecond, so the log's time order does not tell them apart.
    expect(batches.map((b) => [b.items, b.records, b.failedItems]).sort()).toEqual([
      [2, 1, 1],
      [2, 2, 0],
      [2, 2, 0],
    ]);
  });
});
