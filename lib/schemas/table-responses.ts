// zod/mini: the browser parses every answer with these schemas, and classic zod alone would add ≈25 KB gzip to
// each page's first load (mini is tree-shaken to what is used). Same `parse`/`safeParse` on the server.
import * as z from "zod/mini";
import { TABLE_FAMILIES } from "@/kql/catalog/families";
// The constant's own module: "@/kql/status" would bring the whole status deriver (and classic zod) to the browser.
import { TABLE_STATUSES } from "@/kql/status/types";

/**
 * Response schemas of the tables API. The route handlers build these shapes from `kql/` results; the browser parses
 * them with the same schemas (`lib/api/client.ts`). The server parses its own responses with them too, so a change
 * to the `kql/` types they mirror fails loudly in the route tests instead of reaching the browser.
 */

const partStateSchema = z.enum(["missing", "ok", "drifted"]);
export const tableStatusKindSchema = z.enum(TABLE_STATUSES);

export const tableStatusSchema = z.object({
  table: z.string(),
  status: tableStatusKindSchema,
  parts: z.object({ function: partStateSchema, table: partStateSchema, updatePolicy: partStateSchema }),
  reasons: z.array(z.string()),
  notes: z.array(z.string()),
  missingColumns: z.array(z.string()),
  typeConflicts: z.array(z.object({ column: z.string(), clusterType: z.string(), catalogType: z.string() })),
  rowsLastHour: z.number(),
  lastIngestion: z.nullable(z.string()),
  lastEventTime: z.nullable(z.string()),
  recentFailures: z.number(),
});
export type TableStatusDto = z.infer<typeof tableStatusSchema>;

const prerequisiteSchema = z.object({ ok: z.boolean(), detail: z.string() });

/**
 * Whether the event stream is waiting for Staging (local mode: the engine refused its deliveries within the last
 * minute and accepted none since). `refusedCount` counts refused deliveries (retries included), not held messages;
 * `since` is the first refusal. `reason` is the last refusal's.
 */
export const stagingIntakeSchema = z.object({
  waiting: z.boolean(),
  refusedCount: z.number(),
  since: z.nullable(z.string()),
  reason: z.nullable(z.enum(["table-missing", "mapping-missing"])),
});
export type StagingIntake = z.infer<typeof stagingIntakeSchema>;

export const stagingStatusSchema = z.object({
  table: z.string(),
  mappingName: z.string(),
  status: z.enum(["not-set-up", "partial", "ready"]),
  prerequisites: z.object({
    table: prerequisiteSchema,
    mapping: prerequisiteSchema,
    retention: prerequisiteSchema,
    batching: prerequisiteSchema,
  }),
  reasons: z.array(z.string()),
  blocked: z.array(z.string()),
  batching: z.nullable(
    z.object({
      policy: z.object({
        MaximumBatchingTimeSpan: z.string(),
        MaximumNumberOfItems: z.number(),
        MaximumRawDataSizeMB: z.number(),
      }),
      source: z.enum(["table", "database", "default", "effective"]),
    }),
  ),
  /**
   * `null` in connected mode (ADX's Event Hub connection state is not readable with the user's token) or when the
   * engine could not be asked; absent in responses from before this field existed.
   */
  intake: z.optional(z.nullable(stagingIntakeSchema)),
});
export type StagingStatusDto = z.infer<typeof stagingStatusSchema>;

export const tableFamilySchema = z.enum(TABLE_FAMILIES);

/** `GET /api/tables`. */
export const tablesResponseSchema = z.object({
  database: z.string(),
  readAt: z.string(),
  staging: stagingStatusSchema,
  /** One per catalog table, in catalog order, with its family for grouping. */
  tables: z.array(z.extend(tableStatusSchema, { family: tableFamilySchema, preview: z.boolean() })),
  counts: z.record(tableStatusKindSchema, z.number()),
  /** Non-fatal problems met while reading the cluster (e.g. ingestion failures not readable). */
  warnings: z.array(z.string()),
});
export type TablesResponse = z.infer<typeof tablesResponseSchema>;

export const planStepSchema = z.object({
  id: z.string(),
  kind: z.enum([
    "staging-table",
    "staging-mapping",
    "retention",
    "batching",
    "function",
    "table",
    "update-policy",
    "backfill",
  ]),
  target: z.string(),
  text: z.string(),
  reason: z.string(),
});
export type PlanStepDto = z.infer<typeof planStepSchema>;

export const planSchema = z.object({
  table: z.string(),
  steps: z.array(planStepSchema),
  blocked: z.array(z.string()),
  /** The exact text apply sends (`.execute database script <| …`), `""` when there is nothing to do. */
  script: z.string(),
});
export type PlanDto = z.infer<typeof planSchema>;

/** One change to the table, its function or its policy, as the cluster's journal recorded it. */
export const historyEntrySchema = z.object({
  at: z.nullable(z.string()),
  event: z.string(),
  entity: z.string(),
  command: z.string(),
  principal: z.string(),
  user: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** `GET /api/tables/[table]`. */
export const tableDetailResponseSchema = z.object({
  database: z.string(),
  readAt: z.string(),
  table: z.object({
    name: z.string(),
    family: tableFamilySchema,
    preview: z.boolean(),
    docsUrl: z.string(),
    notes: z.array(z.string()),
    columns: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        payloadKey: z.string(),
        streamed: z.boolean(),
        description: z.string(),
      }),
    ),
  }),
  /** What the console generates (commands as applied; the function body and policy JSON for the diff). */
  generated: z.object({
    functionName: z.string(),
    functionCommand: z.string(),
    functionBody: z.string(),
    tableCommand: z.string(),
    schema: z.array(z.object({ name: z.string(), type: z.string() })),
    updatePolicyCommand: z.string(),
    updatePolicy: z.string(),
  }),
  /** What the cluster holds, `null` where the part is missing. */
  cluster: z.object({
    functionBody: z.nullable(z.string()),
    schema: z.nullable(z.array(z.object({ name: z.string(), type: z.string() }))),
    updatePolicy: z.nullable(z.string()),
  }),
  status: tableStatusSchema,
  plan: planSchema,
  history: z.array(historyEntrySchema),
  /** Why the history could not be read, when it could not (e.g. the caller may not read the journal). */
  historyUnavailable: z.nullable(z.string()),
  warnings: z.array(z.string()),
});
export type TableDetailResponse = z.infer<typeof tableDetailResponseSchema>;

/** One command of an applied script, with its plan step and the cluster's verdict. */
export const appliedCommandSchema = z.object({
  id: z.string(),
  kind: planStepSchema.shape.kind,
  target: z.string(),
  text: z.string(),
  reason: z.string(),
  /** `Completed`, `Failed` or `Skipped` as `.execute database script` reports it. */
  result: z.string(),
  /** The cluster's `Reason` for a failed or skipped command, `""` otherwise. */
  error: z.string(),
  commandType: z.string(),
  operationId: z.string(),
});
export type AppliedCommand = z.infer<typeof appliedCommandSchema>;

/**
 * The outcome of applying one table (or Staging):
 * - `applied`: every command completed;
 * - `nothing-to-do`: the plan was empty, no script was sent;
 * - `failed`: a command failed (`failed` says which and why) and the script stopped there;
 * - `blocked`: the console refuses to plan (it would lose data, or Staging is missing), nothing was sent;
 * - `busy`: another apply of the same table is running (bulk only; a single apply answers 409).
 */
export const applyOutcomeSchema = z.enum(["applied", "nothing-to-do", "failed", "blocked", "busy"]);
export type ApplyOutcome = z.infer<typeof applyOutcomeSchema>;

export const applyResultSchema = z.object({
  table: z.string(),
  outcome: applyOutcomeSchema,
  /** One sentence for the UI. */
  message: z.string(),
  commands: z.array(appliedCommandSchema),
  failed: z.nullable(z.object({ id: z.string(), text: z.string(), reason: z.string() })),
  blocked: z.array(z.string()),
  appliedAt: z.string(),
  appliedBy: z.string(),
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

/** `POST /api/tables/apply`: one result per requested table, in catalog order. */
export const bulkApplyResponseSchema = z.object({
  results: z.array(applyResultSchema),
  summary: z.record(applyOutcomeSchema, z.number()),
});
export type BulkApplyResponse = z.infer<typeof bulkApplyResponseSchema>;
