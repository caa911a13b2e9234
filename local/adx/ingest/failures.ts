/** Ingestion failures: recorded by the pipeline, listed by `.show ingestion failures` (kept 14 days, as ADX). */
import { randomUUID } from "node:crypto";
import { KustoError } from "../rest/errors";
import type { Storage } from "../storage/storage";
import { kustoFromDate, kustoFromDuckText } from "../storage/time";
import { ensureIngestSchema } from "./schema";

/** Who asked for the ingestion (for the Principal / User / RootActivityId columns). */
export interface IngestCaller {
  readonly principal: string;
  readonly user: string;
  readonly activityId: string | null;
}

/** One failure as the pipeline reports it. */
export interface IngestionFailure {
  readonly operationId: string;
  readonly table: string;
  readonly sourcePath: string;
  readonly details: string;
  /** `Permanent` (bad data, bad mapping, schema mismatch) or `Transient`. */
  readonly failureKind: "Permanent" | "Transient";
  /** `DataIngestPull` (queued), `DataIngestInline`, `StreamingIngest`, `TableSetOrAppend`, … */
  readonly operationKind: string;
  readonly fromUpdatePolicy: boolean;
  readonly errorCode: string;
  readonly ingestionProperties: string;
  readonly shouldRetry: boolean;
}

/** A failure with a new operation id. */
export function failure(f: Omit<IngestionFailure, "operationId"> & { operationId?: string }): IngestionFailure {
  return { ...f, operationId: f.operationId ?? randomUUID() };
}

const RETENTION_DAYS = 14;

/** Writes failures (one short transaction; never inside a rolled-back ingestion). */
export async function recordFailures(
  storage: Storage,
  database: string,
  caller: IngestCaller,
  failures: readonly IngestionFailure[],
): Promise<void> {
  if (failures.length === 0) return;
  await ensureIngestSchema(storage);
  const failedOn = kustoFromDate(new Date());
  await storage.db.exclusive(async () => {
    for (const f of failures) {
      await storage.db.run(
        `INSERT INTO meta.ingestion_failures VALUES (CAST(? AS UUID), ?, ?, CAST(? AS TIMESTAMP_NS), ?, ?, ?, CAST(? AS UUID),
           ?, ?, ?, ?, ?, ?, 1, ?)`,
        [
          f.operationId,
          database,
          f.table,
          failedOn,
          f.sourcePath,
          f.details,
          f.failureKind,
          caller.activityId,
          f.operationKind,
          f.fromUpdatePolicy,
          f.errorCode,
          caller.principal,
          caller.user,
          f.ingestionProperties,
          f.shouldRetry,
        ],
      );
    }
    await storage.db.run(
      `DELETE FROM meta.ingestion_failures WHERE failed_on < now()::TIMESTAMP - INTERVAL ${RETENTION_DAYS} DAY`,
    );
  });
}

/** A stored failure row in the column order of `.show ingestion failures`. */
export interface StoredFailure {
  readonly operationId: string;
  readonly database: string;
  readonly table: string;
  readonly failedOn: string;
  readonly sourcePath: string;
  readonly details: string;
  readonly failureKind: string;
  readonly rootActivityId: string | null;
  readonly operationKind: string;
  readonly fromUpdatePolicy: boolean;
  readonly errorCode: string;
  readonly principal: string;
  readonly user: string;
  readonly ingestionProperties: string;
  readonly numberOfSources: number;
  readonly shouldRetry: boolean;
}

/** Failures of the last 14 days, oldest first; optionally only one operation. */
export async function listFailures(storage: Storage, operationId?: string): Promise<StoredFailure[]> {
  await ensureIngestSchema(storage);
  const rows = await storage.query(
    `SELECT CAST(operation_id AS VARCHAR) AS operation_id, database, table_name, CAST(failed_on AS VARCHAR) AS failed_on,
            source_path, details, failure_kind, CAST(root_activity_id AS VARCHAR) AS root_activity_id, operation_kind,
            from_update_policy, error_code, principal, user_name, ingestion_properties, number_of_sources, should_retry
       FROM meta.ingestion_failures
      WHERE failed_on >= now()::TIMESTAMP - INTERVAL ${RETENTION_DAYS} DAY
        ${operationId ? "AND operation_id = CAST(? AS UUID)" : ""}
      ORDER BY failed_on`,
    operationId ? [operationId] : [],
  );
  return rows.map((r) => ({
    operationId: String(r.operation_id),
    database: String(r.database),
    table: String(r.table_name),
    failedOn: kustoFromDuckText(String(r.failed_on)),
    sourcePath: String(r.source_path),
    details: String(r.details),
    failureKind: String(r.failure_kind),
    rootActivityId: r.root_activity_id == null ? null : String(r.root_activity_id),
    operationKind: String(r.operation_kind),
    fromUpdatePolicy: Boolean(r.from_update_policy),
    errorCode: String(r.error_code),
    principal: String(r.principal),
    user: String(r.user_name),
    ingestionProperties: String(r.ingestion_properties),
    numberOfSources: Number(r.number_of_sources),
    shouldRetry: Boolean(r.should_retry),
  }));
}

/** A failure of a whole blob (bad data, bad mapping) for `.show ingestion failures`. */
export function blobFailure(
  table: string,
  sourcePath: string,
  operationKind: string,
  error: unknown,
  properties: string,
): IngestionFailure {
  const e = error as { message?: string; detail?: string; code?: string; name?: string };
  const isKusto = error instanceof KustoError;
  const code =
    e.name === "FormatError"
      ? /closing quote/.test(String(e.message))
        ? "Stream_ClosingQuoteMissing"
        : "BadRequest_InvalidBlob"
      : e.name === "MappingError"
        ? "BadRequest_InvalidMapping"
        : isKusto
          ? String(e.code)
          : "General_InternalServerError";
  const permanent = e.name === "FormatError" || e.name === "MappingError" || isKusto;
  return failure({
    table,
    sourcePath,
    details: e.detail ?? e.message ?? String(error),
    failureKind: permanent ? "Permanent" : "Transient",
    operationKind,
    fromUpdatePolicy: false,
    errorCode: code,
    ingestionProperties: properties,
    shouldRetry: !permanent,
  });
}
