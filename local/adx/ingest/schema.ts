/**
 * The ingestion pipeline's own tables in the `meta` schema: ingestion failures (`.show ingestion failures`),
 * the durable queue of the Event Hub-like intake, and the log of sealed batches (`GET /local/batches`).
 * Created on first use, so the storage layer needs no knowledge of them.
 */
import type { Storage } from "../storage/storage";

const DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS meta.ingestion_failures (
     operation_id UUID NOT NULL, database VARCHAR NOT NULL, table_name VARCHAR NOT NULL, failed_on TIMESTAMP_NS NOT NULL,
     source_path VARCHAR NOT NULL, details VARCHAR NOT NULL, failure_kind VARCHAR NOT NULL, root_activity_id UUID,
     operation_kind VARCHAR NOT NULL, from_update_policy BOOLEAN NOT NULL, error_code VARCHAR NOT NULL,
     principal VARCHAR NOT NULL, user_name VARCHAR NOT NULL, ingestion_properties VARCHAR NOT NULL,
     number_of_sources INTEGER NOT NULL, should_retry BOOLEAN NOT NULL)`,
  `CREATE SEQUENCE IF NOT EXISTS meta.intake_seq`,
  `CREATE TABLE IF NOT EXISTS meta.intake_queue (
     id BIGINT NOT NULL, table_name VARCHAR NOT NULL, format VARCHAR NOT NULL, mapping VARCHAR NOT NULL,
     enqueued_at TIMESTAMP_NS NOT NULL, raw_bytes BIGINT NOT NULL, payload VARCHAR NOT NULL)`,
  // Whether the payload is one JSON object as JSON.parse accepts it (queue-sql.ts); null in queues written before.
  `ALTER TABLE meta.intake_queue ADD COLUMN IF NOT EXISTS object_text BOOLEAN`,
  `CREATE TABLE IF NOT EXISTS meta.intake_batches (
     batch_id UUID NOT NULL, table_name VARCHAR NOT NULL, sealed_at TIMESTAMP_NS NOT NULL, items INTEGER NOT NULL,
     records BIGINT NOT NULL, raw_bytes BIGINT NOT NULL, reason VARCHAR NOT NULL, oldest_enqueued_at TIMESTAMP_NS NOT NULL,
     delay_ms DOUBLE NOT NULL, failed_items INTEGER NOT NULL, extent_id UUID)`,
];

const ready = new WeakMap<Storage, Promise<void>>();

/** Creates the ingestion tables once per open storage. */
export function ensureIngestSchema(storage: Storage): Promise<void> {
  let p = ready.get(storage.root);
  if (!p) {
    p = storage.db.exclusive(async () => {
      for (const ddl of DDL) await storage.db.run(ddl);
    });
    ready.set(storage.root, p);
    p.catch(() => ready.delete(storage.root));
  }
  return p;
}
