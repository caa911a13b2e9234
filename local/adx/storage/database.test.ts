/**
 * The writer connection's catalog epoch: kept prepared statements are prepared again after a table was created or
 * dropped (DuckDB would otherwise plan them again at every run), including statements prepared inside the
 * transaction that changed the catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDataDir } from "../testing/harness";
import { Database } from "./database";

describe("Database.catalogEpoch", () => {
  const data = tempDataDir();
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(data.dir);
  });
  afterAll(async () => {
    await db.close();
    data.remove();
  });

  it("moves on each noted change, not on plain statements or transactions", async () => {
    const start = db.catalogEpoch;
    await db.run("CREATE TEMP TABLE plain (a INTEGER)");
    await db.transaction(() => db.run("INSERT INTO plain VALUES (1)"));
    expect(db.catalogEpoch).toBe(start);
    db.catalogChanged();
    expect(db.catalogEpoch).toBe(start + 1);
  });

  it("moves again when a transaction that changed the catalog ends, committed or rolled back", async () => {
    let inside = 0;
    const before = db.catalogEpoch;
    await db.transaction(async () => {
      db.catalogChanged();
      await db.run("CREATE TEMP TABLE made_inside (a INTEGER)");
      inside = db.catalogEpoch;
    });
    expect(inside).toBe(before + 1);
    // A statement prepared at `inside` is stale once the transaction is over.
    expect(db.catalogEpoch).toBeGreaterThan(inside);

    const beforeRollback = db.catalogEpoch;
    await expect(
      db.transaction(async () => {
        db.catalogChanged();
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(db.catalogEpoch).toBe(beforeRollback + 2);
  });
});
