/**
 * Retention as the pipeline applies it. A zero SoftDeletePeriod means the rows are never committed to the table
 * (its update policies still see them). Other periods are enforced by age with a periodic sweep that drops whole
 * extents whose creation time is older than the period (ADX also removes data extent by extent, not immediately).
 */
import { parseTimespan } from "@/kql/policies/timespan";
import { effectivePolicy } from "../commands/effective-policies";
import type { Catalog } from "../storage/catalog";
import { dataTableRef } from "../storage/sql";
import type { Storage } from "../storage/storage";

/** The effective SoftDeletePeriod of a table in ticks, or null when no policy applies (data is kept). */
export function softDeleteTicks(catalog: Catalog, table: string): bigint | null {
  const text = effectivePolicy(catalog, table, "retention");
  if (!text) return null;
  const period = (JSON.parse(text) as { SoftDeletePeriod?: string }).SoftDeletePeriod;
  return period === undefined ? null : parseTimespan(period);
}

/** True when the table keeps nothing (SoftDeletePeriod 0). */
export function keepsNothing(catalog: Catalog, table: string): boolean {
  return softDeleteTicks(catalog, table) === 0n;
}

/** Deletes extents (and their rows) older than each table's period; returns the number of extents removed. */
export async function sweepRetention(storage: Storage, now: Date = new Date()): Promise<number> {
  const catalog = storage.catalog;
  let removed = 0;
  for (const table of catalog.tables.keys()) {
    const ticks = softDeleteTicks(catalog, table);
    // A period of 0 set on a table that already has rows removes them all (the change applies to existing data).
    if (ticks === null) continue;
    const cutoffMs = now.getTime() - Number(ticks / 10_000n);
    if (cutoffMs <= Date.UTC(1, 0, 1)) continue;
    const cutoff = new Date(cutoffMs).toISOString();
    removed += await storage.db.exclusive(async () => {
      // The catalog may have changed while waiting for the lock.
      if (!storage.catalog.tables.has(table)) return 0;
      return storage.db.transaction(async () => {
        const old = await storage.db.all(
          `SELECT CAST(extent_id AS VARCHAR) AS id FROM meta.extents WHERE table_name = ? AND created_on < CAST(? AS TIMESTAMP_NS)`,
          [table, cutoff],
        );
        if (old.length === 0) return 0;
        await storage.db.run(
          `DELETE FROM ${dataTableRef(table)} WHERE "$extent_id" IN (SELECT extent_id FROM meta.extents
             WHERE table_name = ? AND created_on < CAST(? AS TIMESTAMP_NS))`,
          [table, cutoff],
        );
        await storage.db.run(`DELETE FROM meta.extents WHERE table_name = ? AND created_on < CAST(? AS TIMESTAMP_NS)`, [
          table,
          cutoff,
        ]);
        return old.length;
      });
    });
  }
  return removed;
}
