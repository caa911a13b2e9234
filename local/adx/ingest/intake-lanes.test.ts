/**
 * Ingestion lanes: with more than one, a batch whose ingestion only appends lands while another lane's connection is
 * held; batches of a table whose ingestion holds the database alone wait for each other and land in sealing order.
 * The writer connection is held here by a shared holder of the test's own (`Database.shared`), as a lane busy with a
 * long batch would hold it.
 */
import { type DuckDBConnection } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Storage } from "../storage/storage";
import { tempDataDir } from "../testing/harness";
import { Intake } from "./intake";

const BATCH_OF_ONE = '{"MaximumBatchingTimeSpan":"00:05:00","MaximumNumberOfItems":1}';
const ZERO_RETENTION = '{"SoftDeletePeriod":"00:00:00","Recoverability":"Disabled"}';

describe("Intake lanes", () => {
  let data: ReturnType<typeof tempDataDir>;
  let storage: Storage;
  let intake: Intake;
  let reader: DuckDBConnection;
  let release: () => void;
  let held: Promise<void>;

  beforeEach(async () => {
    data = tempDataDir();
    storage = await Storage.open(data.dir, "Defender");
    await storage.change(async (tx) => {
      for (const table of ["Kept", "Dropped"]) {
        await tx.createTable(table, [{ name: "Raw", type: "dynamic" }], "", "");
        await tx.putMapping(table, "M", "JSON", '[{"column":"Raw","path":"$"}]');
        await tx.setPolicy("Table", table, "ingestionbatching", BATCH_OF_ONE);
      }
      // Zero retention and no update policy: every batch fails whole, recorded under the exclusive lock.
      await tx.setPolicy("Table", "Dropped", "retention", ZERO_RETENTION);
    });
    intake = await Intake.start({ storage, database: "Defender", tickMs: 0, lanes: 2 });
    reader = await storage.db.instance.connect();
    const gate = new Promise<void>((resolve) => (release = resolve));
    held = storage.db.shared(() => gate);
  });
  afterEach(async () => {
    release();
    await held;
    await intake.close();
    reader.closeSync();
    await storage.close();
    data.remove();
  });

  const logged = async (table: string) => {
    const r = await reader.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM meta.intake_batches WHERE table_name = '${table}'`,
    );
    return Number(r.getRowObjectsJS()[0]!.n);
  };
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  };

  it("lands a batch on the second lane while the writer connection is held", async () => {
    await intake.enqueueAll("Kept", "multijson", "M", ['{"records":[1]}', '{"records":[2]}']);
    await until(async () => (await logged("Kept")) === 1);
    // One batch landed through the lane; the other waits for the writer connection, held above.
    expect(await logged("Kept")).toBe(1);
    release();
    await intake.idle();
    expect(await logged("Kept")).toBe(2);
    const rows = await storage.query(`SELECT count(*)::INTEGER AS n FROM t."Kept"`);
    expect(rows[0]!.n).toBe(2);
  });

  it("keeps batches of a table that holds the database alone to one lane, in sealing order", async () => {
    await intake.enqueueAll("Dropped", "multijson", "M", ['{"records":[1]}', '{"records":[2]}']);
    await new Promise((r) => setTimeout(r, 400));
    expect(await logged("Dropped")).toBe(0);
    release();
    await intake.idle();
    const r = await reader.runAndReadAll(
      `SELECT epoch_ns(sealed_at) AS at FROM meta.intake_batches WHERE table_name = 'Dropped' ORDER BY rowid`,
    );
    const times = r.getRowObjectsJS().map((row) => BigInt(row.at as bigint));
    expect(times).toHaveLength(2);
    expect(times[0]! < times[1]!).toBe(true);
  });
});
