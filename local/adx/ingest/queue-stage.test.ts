/**
 * Staging queued messages from the queue in SQL: which mappings allow it, that a batch mixing such messages with
 * others (padded, arrays of records, malformed) lands the same rows as the JavaScript path would, verbatim, and that
 * a message missing from the queue is an error rather than a silently shorter extent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "../testing/harness";
import { listBatches } from "./intake";
import { queuedRowSql, queuedSourceSql, stageQueued } from "./queue-stage";
import { createStaging, intake, scalar } from "./testing";
import { stageTableFor, tempRef } from "./update-policies";

describe("staging queued messages in SQL", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await createStaging(h);
    await mgmt(h.admin, ".create table Plain (a: string, b: long)");
    await mgmt(
      h.admin,
      `.create table Plain ingestion json mapping 'PlainMapping' '[{"column":"a","path":"$.a"},{"column":"b","path":"$.b"}]'`,
    );
  });
  afterAll(async () => h?.close());

  it("applies only to multijson with a mapping that keeps each record's text", () => {
    const catalog = h.engine.storage.catalog;
    const staging = catalog.tables.get("Staging")!;
    const plain = catalog.tables.get("Plain")!;
    expect(queuedRowSql(catalog, staging, "multijson", "StagingMapping")).toEqual(['"q".payload']);
    expect(queuedRowSql(catalog, staging, "json", "StagingMapping")).toBeNull();
    expect(queuedRowSql(catalog, staging, "multijson", "")).toBeNull(); // identity mapping: reads $.Raw
    expect(queuedRowSql(catalog, staging, "multijson", "NoSuchMapping")).toBeNull();
    expect(queuedRowSql(catalog, plain, "multijson", "PlainMapping")).toBeNull();
  });

  it("lands a mixed batch with the same rows, verbatim, and records the malformed message once", async () => {
    const a = '{"records":[{"category":"A","properties":{"n":1}}]}';
    const spaced = '{"records": [ {"category": "E", "properties": {"n": 5, "big": 123456789012345678} } ]}';
    const messages = [
      a,
      ` ${'{"records":[{"category":"B"}]}'}\n`,
      '[{"records":[{"category":"C"}]},{"records":[{"category":"D"}]}]',
      '{"records": [',
      spaced,
      '{"records":[{"category":"F","properties":{"s":"x, ]"}}]}',
    ];
    const result = await intake(h).enqueueAll("Staging", "multijson", "StagingMapping", messages);
    expect(result.status).toBe("enqueued");
    const flags = await h.engine.storage.query(
      `SELECT object_text FROM meta.intake_queue WHERE table_name = 'Staging' ORDER BY id`,
    );
    expect(flags.map((r) => r.object_text)).toEqual([true, false, false, false, true, false]);

    await intake(h).flush("Staging");
    const rows = await h.engine.storage.query(`SELECT CAST("Raw" AS VARCHAR) AS raw FROM t."Staging"`);
    expect(rows.map((r) => r.raw).sort()).toEqual(
      [
        a,
        '{"records":[{"category":"B"}]}',
        '{"records":[{"category":"C"}]}',
        '{"records":[{"category":"D"}]}',
        spaced,
        '{"records":[{"category":"F","properties":{"s":"x, ]"}}]}',
      ].sort(),
    );
    // The verbatim text keeps the 18-digit number exact.
    expect(
      await scalar(
        h.admin,
        "Staging | mv-expand Raw.records | where Raw_records.category == 'E' | project tostring(Raw_records.properties.big)",
      ),
    ).toBe("123456789012345678");
    const failures = await mgmt(h.admin, ".show ingestion failures | where Table == 'Staging' | count");
    expect(failures.rows).toEqual([[1]]);
    const [batch] = await listBatches(h.engine.storage, { table: "Staging" });
    expect(batch).toMatchObject({ items: 6, records: 6, failedItems: 1 });
    expect(await h.engine.storage.query(`SELECT id FROM meta.intake_queue WHERE table_name = 'Staging'`)).toEqual([]);
  });

  it("refuses to stage a batch whose messages are no longer queued", async () => {
    const storage = h.engine.storage;
    const staging = storage.catalog.tables.get("Staging")!;
    await expect(
      storage.db.exclusive(async () => {
        const name = await stageTableFor(storage, staging);
        await stageQueued(storage, name, staging, [
          {
            queued: { format: "multijson", mapping: "StagingMapping", ids: [987654321n], bytes: 2 },
            extentId: "00000000-0000-4000-8000-000000000001",
            timeNs: 1n,
          },
        ]);
      }),
    ).rejects.toThrow(/no longer in the queue/);
  });

  it("reads queued messages in place as the rows staging them would give, and refuses missing ones", async () => {
    const storage = h.engine.storage;
    const staging = storage.catalog.tables.get("Staging")!;
    const texts = ['{"records":[{"category":"Q1"}]}', '{"records":[{"category":"Q2"}]}', '{"records":[]}'];
    await storage.db.exclusive(() =>
      storage.db.transaction(() =>
        storage.db.run(
          `INSERT INTO meta.intake_queue (id, table_name, format, mapping, enqueued_at, raw_bytes, payload, object_text)
       SELECT 900000 + i, 'Staging', 'multijson', 'StagingMapping', now()::TIMESTAMP_NS, strlen(t), t, true
         FROM (SELECT unnest(range(3)) AS i, unnest(?::VARCHAR[]) AS t)`,
          [JSON.stringify(texts)],
        ),
      ),
    );
    const queued = (ids: bigint[], extent: string, timeNs: bigint) => ({
      queued: { format: "multijson" as const, mapping: "StagingMapping", ids, bytes: 1 },
      extentId: `00000000-0000-4000-8000-00000000000${extent}`,
      timeNs,
    });
    const parts = [queued([900000n, 900002n], "1", 10n), queued([], "2", 20n), queued([900001n], "3", 30n)];
    const read = queuedSourceSql(storage.catalog, staging, parts)!;
    const staged = await storage.db.exclusive(async () => {
      const name = await stageTableFor(storage, staging);
      await stageQueued(storage, name, staging, parts);
      const describe = async (from: string) => ({
        rows: await storage.db.all(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${from} ORDER BY ALL`),
        types: (await storage.db.all(`SELECT column_type FROM (DESCRIBE SELECT * FROM ${from})`)).map(
          (r) => r.column_type,
        ),
      });
      const result = { fromTable: await describe(tempRef(name)), inPlace: await describe(read) };
      await storage.db.run(`DELETE FROM ${tempRef(name)}`);
      return result;
    });
    expect(staged.inPlace).toEqual(staged.fromTable);
    expect(staged.inPlace.rows).toHaveLength(3);
    // A mapping that reads values out of records has no in-place form.
    expect(
      queuedSourceSql(storage.catalog, staging, [{ ...parts[0]!, queued: { ...parts[0]!.queued, format: "json" } }]),
    ).toBeNull();

    await storage.db.exclusive(() =>
      storage.db.transaction(() => storage.db.run(`DELETE FROM meta.intake_queue WHERE id >= 900000 AND id < 900003`)),
    );
  });
});
