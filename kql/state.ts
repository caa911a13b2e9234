/**
 * `ClusterState`: the normalised picture of one database as the console reads it, whichever cluster answered (ADX or
 * the local engine). `lib/server` fills it from the documented `.show` results (`adx-reference.md` §1); status and
 * plan derive everything else from it. Plain JSON (records, not Maps) so it travels to the browser unchanged and can
 * be recorded as a fixture.
 */
import { z } from "zod";
import { ingestionBatchingPolicySchema } from "@/kql/policies/batching";
import { retentionPolicySchema } from "@/kql/policies/retention";
import { updatePolicyEntrySchema } from "@/kql/policies/update";

/** One column of a cluster table: its name and Kusto type (`datetime`, `string`, …; see {@link normalizeColumnType}). */
export const stateColumnSchema = z.object({ name: z.string(), type: z.string() });

/** A table as `.show tables details` plus its schema report it. Policies are the **effective** ones, parsed. */
export const stateTableSchema = z.object({
  name: z.string(),
  folder: z.string(),
  docString: z.string(),
  /** Columns in table order. */
  columns: z.array(stateColumnSchema),
  /** `TotalRowCount` of `.show tables details` (cached, up to 15 minutes stale). */
  totalRowCount: z.number().int().nonnegative(),
  /** Effective retention (`RetentionPolicy` column); `null` when neither table nor database sets one. */
  effectiveRetention: retentionPolicySchema.nullable(),
  /** Effective batching (`IngestionBatchingPolicy` column); `null` when neither table nor database sets one. */
  effectiveBatching: ingestionBatchingPolicySchema.nullable(),
});

/** A stored function as `.show functions` returns it (`Parameters` with parentheses, `Body` with braces). */
export const stateFunctionSchema = z.object({
  name: z.string(),
  parameters: z.string(),
  body: z.string(),
  folder: z.string(),
  docString: z.string(),
});

/** An ingestion mapping of the Staging table (`.show table Staging ingestion mappings`: `Name`, `Kind`, `Mapping`). */
export const stateMappingSchema = z.object({
  name: z.string(),
  /** `Kind` as the cluster reports it (`Json`, `JSON`, `csv`, …); compare case-insensitively. */
  kind: z.string(),
  /** The mapping JSON text as stored. */
  mapping: z.string(),
});

/**
 * The Staging table's own policies, when the reader asked for them. Each field is optional (not read) and nullable
 * (read, but no policy at that level), because `.show tables details` only gives the effective values.
 */
export const stagingPoliciesSchema = z.object({
  ownRetention: retentionPolicySchema.nullable().optional(),
  ownBatching: ingestionBatchingPolicySchema.nullable().optional(),
  databaseBatching: ingestionBatchingPolicySchema.nullable().optional(),
});

/** Recent ingestion into one table. Times are ISO 8601 / Kusto datetime text. */
export const tableActivitySchema = z.object({
  /** Rows ingested in the hour before `readAt`. */
  rowsLastHour: z.number().int().nonnegative(),
  /** Latest `ingestion_time()` of the table, `null` when it never received rows. */
  lastIngestion: z.string().nullable(),
  /** Latest `Timestamp` (event time) of the table, when read. */
  lastEventTime: z.string().nullable().optional(),
});

/**
 * Ingestion failures (`.show ingestion failures`) summarised for one table: the table a failure names, or for an
 * update policy failure the target table it was writing to.
 */
export const tableFailuresSchema = z.object({
  count: z.number().int().nonnegative(),
  /** `FailedOn` of the latest failure. */
  lastFailedOn: z.string(),
  /** `Details` of the latest failure. */
  lastDetails: z.string(),
  /** `OriginatesFromUpdatePolicy` of the latest failure. */
  originatesFromUpdatePolicy: z.boolean(),
});

/** The whole normalised state of one database. Every record is keyed by the entity's exact (case-sensitive) name. */
export const clusterStateSchema = z.object({
  /** Database name, when known. */
  database: z.string().optional(),
  /** When the state was read (ISO 8601); the "now" of every time-based rule. */
  readAt: z.string(),
  tables: z.record(z.string(), stateTableSchema),
  functions: z.record(z.string(), stateFunctionSchema),
  /** Update policy entries keyed by **target** table; tables without a policy may be absent or `[]`. */
  updatePolicies: z.record(z.string(), z.array(updatePolicyEntrySchema)),
  /** Mappings of the Staging table. */
  stagingMappings: z.array(stateMappingSchema),
  staging: stagingPoliciesSchema.optional(),
  /** Activity keyed by table; a table without an entry had no rows in the last hour and none before that is known. */
  activity: z.record(z.string(), tableActivitySchema),
  /** Recent ingestion failures keyed by table; absent = none. */
  failures: z.record(z.string(), tableFailuresSchema),
});

/** One column of a cluster table. */
export type StateColumn = z.output<typeof stateColumnSchema>;
/** A cluster table (effective policies parsed). */
export type StateTable = z.output<typeof stateTableSchema>;
/** A stored function. */
export type StateFunction = z.output<typeof stateFunctionSchema>;
/** An ingestion mapping of the Staging table. */
export type StateMapping = z.output<typeof stateMappingSchema>;
/** The Staging table's own policies, when read. */
export type StagingPolicies = z.output<typeof stagingPoliciesSchema>;
/** Recent ingestion into one table. */
export type TableActivity = z.output<typeof tableActivitySchema>;
/** Recent ingestion failures of one table. */
export type TableFailures = z.output<typeof tableFailuresSchema>;
/** The normalised state of one database. */
export type ClusterState = z.output<typeof clusterStateSchema>;
/** A cluster state before validation (e.g. a fixture, or JSON received from the API). */
export type ClusterStateInput = z.input<typeof clusterStateSchema>;

/**
 * Validates a state (a recorded fixture, or the API's JSON in the browser) and normalises its policies.
 * @throws {z.ZodError} naming the first bad field
 */
export function parseClusterState(input: unknown): ClusterState {
  return clusterStateSchema.parse(input);
}

/** A database with nothing in it, read at `readAt`. */
export function emptyClusterState(readAt: string): ClusterState {
  return {
    readAt,
    tables: {},
    functions: {},
    updatePolicies: {},
    stagingMappings: [],
    activity: {},
    failures: {},
  };
}

// .NET names come from `.show database schema as json` / `getschema`; aliases are the DDL synonyms ADX accepts.
const TYPE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  "system.string": "string",
  "system.int64": "long",
  int64: "long",
  "system.int32": "int",
  int32: "int",
  "system.double": "real",
  double: "real",
  "system.boolean": "bool",
  "system.sbyte": "bool",
  boolean: "bool",
  "system.datetime": "datetime",
  date: "datetime",
  "system.timespan": "timespan",
  time: "timespan",
  "system.guid": "guid",
  uuid: "guid",
  uniqueid: "guid",
  "system.object": "dynamic",
  "system.data.sqltypes.sqldecimal": "decimal",
});

/**
 * The canonical Kusto type name for a column type as any source reports it: `System.DateTime` → `datetime`,
 * `boolean` → `bool`, `double` → `real`, `Long` → `long`. Unknown names come back lower-cased and trimmed.
 */
export function normalizeColumnType(type: string): string {
  const lower = type.trim().toLowerCase();
  return TYPE_ALIASES[lower] ?? lower;
}
