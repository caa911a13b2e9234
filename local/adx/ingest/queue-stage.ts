/**
 * Staging queued messages straight from `meta.intake_queue`, in SQL. For the Event Hub data connection's common
 * case — `multijson` messages that are each one JSON object, and a mapping that only keeps each record's text
 * (`$` into a dynamic column, as the seed's `StagingMapping`) — the decoded row is known without reading the
 * message: the text itself, verbatim. The message was checked when it was queued (`object_text`, queue-sql.ts), so
 * it does not cross back into JavaScript. Every other message is decoded in JavaScript as before (decode.ts).
 */
import type { Catalog, TableInfo } from "../storage/catalog";
import { DUCKDB_TYPES } from "../storage/kusto-types";
import { EXTENT_ID_COLUMN, INGESTION_TIME_COLUMN, quoteIdent } from "../storage/sql";
import type { Storage } from "../storage/storage";
import { type IngestFormat, keepsText, mappingsFor } from "./decode";
import { queuedIdsSql } from "./queue-sql";
import { tempRef } from "./update-policies";

/** Queued messages to stage from the queue, all with the same format and mapping. */
export interface QueuedMessages {
  readonly format: IngestFormat;
  readonly mapping: string;
  readonly ids: readonly bigint[];
  /** Their raw size. */
  readonly bytes: number;
}

/** Messages staged from the queue into one extent. */
export interface QueuedPart {
  readonly queued: QueuedMessages;
  readonly extentId: string;
  readonly timeNs: bigint;
}

/**
 * The SELECT list, in the table's column order, that turns a queued message (`"q".payload`) into its row when the
 * named mapping only keeps record texts; null when the mapping reads values out of records (or cannot be used:
 * the JavaScript path reports why).
 */
export function queuedRowSql(
  catalog: Catalog,
  table: TableInfo,
  format: IngestFormat,
  mapping: string,
): string[] | null {
  if (format !== "multijson") return null;
  let mappings;
  try {
    mappings = mappingsFor(catalog, table, format, mapping || null);
  } catch {
    return null; // decodeBlobs records why, per message
  }
  const columns = table.columns;
  const items: string[] = columns.map((c) => (c.type === "string" ? "''" : "NULL"));
  for (const m of mappings) {
    if (m.constValue !== null) return null;
    if (m.path === null) continue;
    if (!keepsText(m, columns)) return null;
    items[m.ordinal] = `"q".payload`;
  }
  return items;
}

/** The error of a batch some of whose queued messages (`missing`) are no longer in the queue. */
export function missingQueued(missing: number): Error {
  return new Error(`${missing} queued message(s) of this batch are no longer in the queue.`);
}

/**
 * Appends the queued messages of each part to the staged temp table `name` (with the part's extent id and
 * ingestion time); returns the rows staged per part. Each message is one row.
 */
export async function stageQueued(
  storage: Storage,
  name: string,
  table: TableInfo,
  parts: readonly QueuedPart[],
): Promise<number[]> {
  const counts: number[] = [];
  for (const { queued, extentId, timeNs } of parts) {
    const { ids } = queued;
    if (ids.length === 0) {
      counts.push(0);
      continue;
    }
    // Decided again under the writer lock: the mapping may have changed since the batch was decoded.
    const select = queuedRowSql(storage.catalog, table, queued.format, queued.mapping);
    if (!select)
      throw new Error(`The mapping '${queued.mapping}' of table '${table.name}' changed while a batch was waiting.`);
    const result = await storage.db.connection.run(
      `INSERT INTO ${tempRef(name)}
       SELECT ${select.join(", ")}, CAST('${extentId}' AS UUID), make_timestamp_ns(${timeNs})
         FROM meta.intake_queue AS "q"
        WHERE ${queuedIdsSql(`"q".id`, ids)}`,
    );
    const staged = Number(result.rowsChanged);
    if (staged !== ids.length) throw missingQueued(ids.length - staged);
    counts.push(staged);
  }
  return counts;
}

/**
 * The rows `stageQueued` would stage for `parts`, as a parenthesised query with the staged table's columns and
 * types (one leg per part), to be read in place of that table; null when a part's mapping needs JavaScript. Reading
 * it skips copying each message's text into the staged table (~0.5 s of DuckDB's time over 200,000 records).
 */
export function queuedSourceSql(catalog: Catalog, table: TableInfo, parts: readonly QueuedPart[]): string | null {
  const legs: string[] = [];
  for (const { queued, extentId, timeNs } of parts) {
    if (queued.ids.length === 0) continue;
    const select = queuedRowSql(catalog, table, queued.format, queued.mapping);
    if (!select) return null;
    const items = select.map((item, i) => {
      const column = table.columns[i]!;
      return `CAST(${item} AS ${DUCKDB_TYPES[column.type]}) AS ${quoteIdent(column.name)}`;
    });
    legs.push(
      `SELECT ${items.join(", ")}, CAST('${extentId}' AS UUID) AS ${quoteIdent(EXTENT_ID_COLUMN)}, make_timestamp_ns(${timeNs}) AS ${quoteIdent(INGESTION_TIME_COLUMN)}
         FROM meta.intake_queue AS "q" WHERE ${queuedIdsSql(`"q".id`, queued.ids)}`,
    );
  }
  return legs.length > 0 ? `(${legs.join("\nUNION ALL\n")})` : null;
}

/** The texts of queued messages, by id (for the messages decoded in JavaScript). */
export async function queuedTexts(storage: Storage, ids: readonly bigint[]): Promise<Map<bigint, string>> {
  const texts = new Map<bigint, string>();
  if (ids.length === 0) return texts;
  const rows = await storage.query(
    `SELECT id, payload FROM meta.intake_queue WHERE id IN (SELECT unnest(?::BIGINT[]))`,
    [`[${ids.join(",")}]`],
  );
  for (const r of rows) texts.set(BigInt(r.id as bigint), String(r.payload));
  return texts;
}
