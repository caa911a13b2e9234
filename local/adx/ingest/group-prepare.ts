/**
 * Preparing a lane's grouped-ingestion statements before its first group. DuckDB prepares a statement per
 * connection, and each lane has its own (`Database.openLane`): without this, each lane's first group after a
 * metadata change prepared the table's 26 policy statements itself (~0.2–0.3 s), the extra lanes' while the last
 * batches waited. The warm-up (policy-warmup.ts) calls this once the policies are compiled.
 */
import type { Storage } from "../storage/storage";
import { canIngestGrouped, makeGroupTables, policyStatement, readsQueueInPlace } from "./group-ingest";
import { prefixInsert, rewritesOf } from "./shared-prefix";
import { prepareKept, withStatementsForAnyRows } from "./stage-tables";

/**
 * Makes, on `storage`'s connection, the temp tables a group of each of `tables` writes, then prepares the statements
 * it runs (the shared prefixes' and each policy's), as `ingestGroup` would. Nothing is run and nothing is written.
 * Every table is made before anything is prepared: a table made on the connection afterwards would make the
 * statements prepared before it stale (stage-tables.ts).
 */
export async function prepareGroups(storage: Storage, tables: readonly string[]): Promise<void> {
  await storage.db.shared(() =>
    withStatementsForAnyRows(storage, async () => {
      const statements: string[] = [];
      for (const tableName of tables) {
        const table = storage.catalog.tables.get(tableName);
        if (!table || !canIngestGrouped(storage, table)) continue;
        const tables = await makeGroupTables(storage, table);
        const { source, policies, sharing } = tables;
        // Where a group reads its new rows from the queue (`queueSource`), the prefixes run unprepared; they are
        // prepared only for the rare group that stages them (a message decoded in JavaScript).
        if (!readsQueueInPlace(storage.catalog, table.name, tables)) statements.push(...sharing.map(prefixInsert));
        const rewrites = new Map(sharing.flatMap(rewritesOf));
        for (const { target, entry } of policies) {
          statements.push(policyStatement(storage, source, target, entry, rewrites.get(entry)));
        }
      }
      for (const sql of statements) await prepareKept(storage, sql);
    }),
  );
}
