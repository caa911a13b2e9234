/**
 * Ingesting blobs (messages, inline texts, streamed bodies) into a table: each blob is decoded on its own — a
 * malformed one becomes an ingestion failure while the others still land, as ADX fails per blob — and the rows of
 * all good blobs become one extent.
 */
import { KustoError } from "../rest/errors";
import { decodeBlob, type IngestFormat, mappingsFor } from "./decode";
import type { TableInfo } from "../storage/catalog";
import { blobFailure, type IngestionFailure, recordFailures } from "./failures";
import { type IngestOptions, type IngestResult, ingestRows } from "./pipeline";
import type { CellValue } from "./values";

/** One unit of source data. */
export interface Blob {
  readonly text: string;
  readonly format: IngestFormat;
  readonly mappingName: string | null;
  /** IngestionSourcePath in failures (e.g. `eventhub://Staging/42`). */
  readonly sourcePath: string;
}

/** The extent result plus the blobs that failed. */
export interface BlobsResult extends IngestResult {
  readonly blobFailures: readonly IngestionFailure[];
  readonly goodBlobs: number;
}

function propertiesOf(blob: Blob): string {
  return `Format=${blob.format}${blob.mappingName ? `;IngestionMappingReference=${blob.mappingName}` : ""}`;
}

/** The good blobs' rows, and the blobs that failed (already recorded). */
export interface DecodedBlobs {
  readonly table: TableInfo;
  readonly rows: CellValue[][];
  /** Raw size of the good blobs. */
  readonly bytes: number;
  readonly goodBlobs: number;
  readonly failures: readonly IngestionFailure[];
}

/**
 * Decodes every blob on its own and records the failures. With `strict`, the first failing blob throws instead
 * (`.ingest inline` and streaming requests, where the caller sees the error).
 * @throws KustoError `EntityNotFound` when the table does not exist
 */
export async function decodeBlobs(
  opts: Pick<IngestOptions, "storage" | "database" | "caller" | "operationKind">,
  tableName: string,
  blobs: readonly Blob[],
  strict = false,
): Promise<DecodedBlobs> {
  const table = opts.storage.catalog.tables.get(tableName);
  if (!table) throw KustoError.entityNotFound(tableName, "Table");
  const rows: CellValue[][] = [];
  let bytes = 0;
  let goodBlobs = 0;
  const failures: IngestionFailure[] = [];
  for (const blob of blobs) {
    try {
      const mappings = mappingsFor(opts.storage.catalog, table, blob.format, blob.mappingName);
      const decoded = decodeBlob(blob.text, blob.format, table, mappings);
      for (const r of decoded.rows) rows.push(r);
      bytes += decoded.rawBytes;
      goodBlobs++;
    } catch (error) {
      const f = blobFailure(table.name, blob.sourcePath, opts.operationKind, error, propertiesOf(blob));
      if (strict) {
        await recordFailures(opts.storage, opts.database, opts.caller, [f]);
        if (error instanceof KustoError) throw error;
        throw new KustoError(400, f.errorCode, "Kusto.Data.Exceptions.KustoBadRequestException", f.details);
      }
      failures.push(f);
    }
  }
  await recordFailures(opts.storage, opts.database, opts.caller, failures);
  return { table, rows, bytes, goodBlobs, failures };
}

/** Decodes (see `decodeBlobs`) and ingests the good blobs' rows as one extent. */
export async function ingestBlobs(
  opts: IngestOptions,
  tableName: string,
  blobs: readonly Blob[],
  strict = false,
): Promise<BlobsResult> {
  const decoded = await decodeBlobs(opts, tableName, blobs, strict);
  const result = await ingestRows(opts, decoded.table, decoded.rows, decoded.bytes);
  return { ...result, blobFailures: decoded.failures, goodBlobs: decoded.goodBlobs };
}
