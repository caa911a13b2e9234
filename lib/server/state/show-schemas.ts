import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { KustoResult } from "@/lib/server/kusto";

/**
 * zod schemas of the documented result columns of every `.show` command the console reads (adx-reference §1,
 * §2.7), plus the console's own activity query. The same schemas parse whatever cluster answered (ADX or the local
 * engine): rows are matched to columns by NAME, because two sources disagree on the order of some columns
 * (`.show ingestion failures`) and new service versions append columns. A documented column that is missing fails
 * the read with a message naming the command and the column.
 */

// Values arrive typed by azure-kusto-data: datetime → Date, long → number (or bigint/string for huge values),
// bool → boolean (SByte columns of query results may come as 0/1). Strings are never null in Kusto, but a
// defensive `""` costs nothing.
const text = z
  .string()
  .nullable()
  .transform((v) => v ?? "");

const datetime = z.union([z.date(), z.string(), z.null()]).transform((v, ctx) => {
  if (v === null || v === "") return null;
  const date = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: `not a datetime: ${String(v)}` });
    return z.NEVER;
  }
  return date.toISOString();
});

const long = z.union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));

const bool = z.union([z.boolean(), z.number(), z.string()]).transform((v) => {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return v.trim().toLowerCase() === "true" || v.trim() === "1";
});

// guid columns are declared string by the docs and guid by the language service; both arrive as text.
const guid = text;
// real columns may come back as numbers or, for NaN/Infinity, as strings; the console does not use them.
const real = z.unknown();

/** `.show tables details` (§1.2): 23 columns. Only some are used, but all are documented and checked. */
export const tablesDetailsRowSchema = z.object({
  TableName: text,
  DatabaseName: text,
  Folder: text,
  DocString: text,
  TotalExtents: long,
  TotalExtentSize: real,
  TotalOriginalSize: real,
  TotalRowCount: long,
  HotExtents: long,
  HotExtentSize: real,
  HotOriginalSize: real,
  HotRowCount: long,
  AuthorizedPrincipals: text,
  RetentionPolicy: text,
  CachingPolicy: text,
  ShardingPolicy: text,
  MergePolicy: text,
  StreamingIngestionPolicy: text,
  IngestionBatchingPolicy: text,
  MinExtentsCreationTime: datetime,
  MaxExtentsCreationTime: datetime,
  RowOrderPolicy: text,
  TableId: guid,
});
export type TablesDetailsRow = z.output<typeof tablesDetailsRowSchema>;

/** `.show database D schema as json` (§1.4): one column holding the JSON document. */
export const databaseSchemaRowSchema = z.object({ DatabaseSchema: text });

/** Every policy `.show` command (§1.6): 5 string columns; `Policy` is the JSON text or the string `null`. */
export const policyRowSchema = z.object({
  PolicyName: text,
  EntityName: text,
  Policy: text,
  ChildEntities: text,
  EntityType: text,
});
export type PolicyRow = z.output<typeof policyRowSchema>;

/** `.show database D schema as csl script` (§1.4): one column `DatabaseSchemaScript`, a command per row. */
export const schemaScriptRowSchema = z.object({ DatabaseSchemaScript: text });

/** `.show table T ingestion mappings` (§1.7): the docs name the first three; the rest are the language service's. */
export const mappingRowSchema = z.object({
  Name: text,
  Kind: text,
  Mapping: text,
  LastUpdatedOn: datetime.optional(),
  Database: text.optional(),
  Table: text.optional(),
});
export type MappingRow = z.output<typeof mappingRowSchema>;

/**
 * `.show ingestion failures` (§1.8): the columns both sources agree on are required; the docs-only tail
 * (`IngestionProperties`, `NumberOfSources`) is optional. Matched by name, so either column order parses.
 */
export const ingestionFailureRowSchema = z.object({
  OperationId: guid,
  Database: text,
  Table: text,
  FailedOn: datetime,
  IngestionSourcePath: text,
  Details: text,
  FailureKind: text,
  RootActivityId: guid,
  OperationKind: text,
  OriginatesFromUpdatePolicy: bool,
  ErrorCode: text,
  Principal: text,
  User: text,
  ShouldRetry: bool,
  IngestionProperties: text.optional(),
  NumberOfSources: z.unknown().optional(),
});
export type IngestionFailureRow = z.output<typeof ingestionFailureRowSchema>;

/** `.execute database script` (§2.7): one row per command. */
export const scriptResultRowSchema = z.object({
  OperationId: guid,
  CommandType: text,
  CommandText: text,
  Result: text,
  Reason: text,
});
export type ScriptResultRow = z.output<typeof scriptResultRowSchema>;

/**
 * `.show journal` / `.show database D journal`: the columns the ADX docs list; the language service adds
 * `RootActivityId`, `ClientRequestId`, `User`, `OriginalEntityVersion`, read when present.
 */
export const journalRowSchema = z.object({
  Event: text,
  EventTimestamp: datetime,
  Database: text,
  EntityName: text,
  UpdatedEntityName: text,
  EntityVersion: text,
  EntityContainerName: text,
  OriginalEntityState: text,
  UpdatedEntityState: text,
  ChangeCommand: text,
  Principal: text,
  RootActivityId: guid.optional(),
  ClientRequestId: text.optional(),
  User: text.optional(),
  OriginalEntityVersion: text.optional(),
});
export type JournalRow = z.output<typeof journalRowSchema>;

/** The console's own activity query (`buildActivityQuery`): one row per table that received rows in the window. */
export const activityRowSchema = z.object({
  TableName: text,
  RowsLastHour: long,
  LastIngestion: datetime,
  LastEventTime: datetime.optional(),
});
export type ActivityRow = z.output<typeof activityRowSchema>;

/** `.show database D schema as json`: the document, read defensively (see `readDatabaseSchema`). */
const schemaColumnSchema = z.looseObject({
  Name: z.string(),
  Type: z.string().optional(),
  CslType: z.string().optional(),
});
export const schemaJsonSchema = z.looseObject({
  Databases: z.record(
    z.string(),
    z.looseObject({
      Name: z.string().optional(),
      Tables: z
        .record(
          z.string(),
          z.looseObject({
            Name: z.string(),
            OrderedColumns: z.array(schemaColumnSchema).nullable().default([]),
            Folder: z.string().nullable().optional(),
            DocString: z.string().nullable().optional(),
          }),
        )
        .nullable()
        .default({}),
      // The documented example shows only an empty `Functions: {}`; the local engine writes `.show functions`'
      // fields, ADX writes `InputParameters` as an array. Both are accepted.
      Functions: z
        .record(
          z.string(),
          z.looseObject({
            Name: z.string(),
            Parameters: z.string().optional(),
            InputParameters: z.array(schemaColumnSchema).nullable().optional(),
            Body: z.string(),
            Folder: z.string().nullable().optional(),
            DocString: z.string().nullable().optional(),
          }),
        )
        .nullable()
        .default({}),
    }),
  ),
});
export type SchemaJson = z.output<typeof schemaJsonSchema>;

/**
 * Parses a result's rows with a row schema, by column name. Throws `internal:kusto` naming the command and the
 * missing column or bad value, so an unexpected cluster answer is a clear error rather than a wrong status.
 */
export function parseRows<S extends z.ZodObject>(schema: S, result: KustoResult, what: string): z.output<S>[] {
  const index = new Map(result.columns.map((c, i) => [c.name, i]));
  const keys = Object.keys(schema.shape);
  for (const key of keys) {
    if (!index.has(key) && !schema.shape[key]!.safeParse(undefined).success) {
      throw new AppError(
        "internal:kusto",
        `${what} returned no ${key} column (got ${result.columns.map((c) => c.name).join(", ")}).`,
      );
    }
  }
  return result.rows.map((row, n) => {
    const record: Record<string, unknown> = {};
    for (const key of keys) {
      const i = index.get(key);
      if (i !== undefined) record[key] = row[i];
    }
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        "internal:kusto",
        `${what} returned an unexpected value in row ${n + 1}, column ${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}.`,
      );
    }
    return parsed.data;
  });
}
