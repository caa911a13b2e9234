import "server-only";
import { z } from "zod";
import {
  FRESHNESS_LOOKBACK_DAYS,
  RANGE_SPECS,
  STALE_AFTER_MINUTES,
  type FailuresResponse,
  type FreshnessResponse,
  type HealthRange,
  type LagResponse,
  type RowsResponse,
} from "@/lib/schemas/health";
import type { KustoExecutor } from "@/lib/server/kusto";
import { ingestionFailureRowSchema, parseRows } from "@/lib/server/state/show-schemas";
import { buildFreshnessQuery, buildLagQuery, buildRowsQuery, PARAMS } from "./queries";
import { readHealthTables } from "./tables";
import { densifySeries, summarizeFailures } from "./transform";

/**
 * The health reads. Each costs two round trips whatever the number of tables: the schema (which catalog tables
 * exist) and ONE union query — or, for failures, one `.show ingestion failures`.
 */
export interface HealthTarget {
  executor: KustoExecutor;
  database: string;
  /** The clock; tests pin it. */
  now?: Date;
}

const date = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: "custom", message: `not a datetime: ${String(v)}` });
    return z.NEVER;
  }
  return d;
});
const nullableDate = z.union([date, z.null()]);
const count = z.union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/)]).transform(Number);
const real = z.union([z.number(), z.string(), z.null()]).transform((v) => {
  const n = v === null ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
});

const rowsRow = z.object({ TableName: z.string(), BinStart: date, Rows: count });
const freshnessRow = z.object({ TableName: z.string(), LastEventTime: nullableDate, LastIngestionTime: nullableDate });
const lagRow = z.object({ TableName: z.string(), Rows: count, MedianSeconds: real, P95Seconds: real });

function windowOf(range: HealthRange, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - RANGE_SPECS[range].durationMs), to: now };
}

/** Rows ingested per table over the range, in bins that fit it, and the totals. */
export async function readRows(target: HealthTarget, range: HealthRange): Promise<RowsResponse> {
  const now = target.now ?? new Date();
  const { from, to } = windowOf(range, now);
  const { binMinutes } = RANGE_SPECS[range];
  const { names, warnings } = await readHealthTables(target.executor, target.database);
  let rows: { table: string; binStart: Date; rows: number }[] = [];
  if (names.length > 0) {
    const result = await target.executor.executeQuery(target.database, buildRowsQuery(names), {
      parameters: { [PARAMS.from]: from, [PARAMS.to]: to, [PARAMS.binMinutes]: binMinutes },
    });
    rows = parseRows(rowsRow, result, "The rows query").map((r) => ({
      table: r.TableName,
      binStart: r.BinStart,
      rows: r.Rows,
    }));
  }
  const { series, totals } = densifySeries(rows, names, { from, to, binMinutes });
  return { range, from: from.toISOString(), to: to.toISOString(), binMinutes, tables: names, series, totals, warnings };
}

/** Last event and ingestion per table (lookback {@link FRESHNESS_LOOKBACK_DAYS} days) and the stale flag. */
export async function readFreshness(target: HealthTarget): Promise<FreshnessResponse> {
  const now = target.now ?? new Date();
  const from = new Date(now.getTime() - FRESHNESS_LOOKBACK_DAYS * 86_400_000);
  const { names, warnings } = await readHealthTables(target.executor, target.database);
  const found = new Map<string, z.output<typeof freshnessRow>>();
  if (names.length > 0) {
    const result = await target.executor.executeQuery(target.database, buildFreshnessQuery(names), {
      parameters: { [PARAMS.from]: from, [PARAMS.to]: now },
    });
    for (const row of parseRows(freshnessRow, result, "The freshness query")) found.set(row.TableName, row);
  }
  const tables = names.map((table) => {
    const row = found.get(table);
    const lastIngestion = row?.LastIngestionTime ?? null;
    const since = lastIngestion ? Math.max(0, now.getTime() - lastIngestion.getTime()) : null;
    return {
      table,
      lastEventTime: row?.LastEventTime?.toISOString() ?? null,
      lastIngestionTime: lastIngestion?.toISOString() ?? null,
      sinceLastIngestionMs: since,
      stale: since === null || since > STALE_AFTER_MINUTES * 60_000,
    };
  });
  return {
    checkedAt: now.toISOString(),
    staleAfterMinutes: STALE_AFTER_MINUTES,
    lookbackDays: FRESHNESS_LOOKBACK_DAYS,
    tables,
    warnings,
  };
}

/** Median and 95th percentile of ingestion time − event Timestamp per table over the range. */
export async function readLag(target: HealthTarget, range: HealthRange): Promise<LagResponse> {
  const now = target.now ?? new Date();
  const { from, to } = windowOf(range, now);
  const { names, warnings } = await readHealthTables(target.executor, target.database);
  const found = new Map<string, z.output<typeof lagRow>>();
  if (names.length > 0) {
    const result = await target.executor.executeQuery(target.database, buildLagQuery(names), {
      parameters: { [PARAMS.from]: from, [PARAMS.to]: to },
    });
    for (const row of parseRows(lagRow, result, "The lag query")) found.set(row.TableName, row);
  }
  const ms = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? null : seconds * 1000;
  return {
    range,
    from: from.toISOString(),
    to: to.toISOString(),
    tables: names.map((table) => {
      const row = found.get(table);
      return { table, rows: row?.Rows ?? 0, medianMs: ms(row?.MedianSeconds), p95Ms: ms(row?.P95Seconds) };
    }),
    warnings,
  };
}

/**
 * Ingestion and update-policy failures of the database in the range, from `.show ingestion failures` (14 days of
 * history on ADX). Sent unpiped because the local engine cannot pipe `.show` output yet; the window is applied here.
 * TODO(local/adx piping): append `| where FailedOn >= datetime(…)` once the engine pipes, to filter on the cluster.
 */
export async function readFailures(target: HealthTarget, range: HealthRange): Promise<FailuresResponse> {
  const now = target.now ?? new Date();
  const { from, to } = windowOf(range, now);
  const command = ".show ingestion failures";
  const rows = parseRows(
    ingestionFailureRowSchema,
    await target.executor.executeCommand(target.database, command),
    command,
  );
  const db = target.database.toLowerCase();
  const failures = rows
    .filter((r) => (!r.Database || r.Database.toLowerCase() === db) && r.FailedOn !== null)
    .filter((r) => r.FailedOn! >= from.toISOString() && r.FailedOn! <= to.toISOString())
    .map((r) => ({
      at: r.FailedOn!,
      table: r.Table,
      details: r.Details,
      errorCode: r.ErrorCode,
      failureKind: r.FailureKind,
      operationKind: r.OperationKind,
      fromUpdatePolicy: r.OriginatesFromUpdatePolicy,
    }));
  return { range, from: from.toISOString(), to: to.toISOString(), ...summarizeFailures(failures), warnings: [] };
}
