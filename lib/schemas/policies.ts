import { z } from "zod";
import { ingestionBatchingPolicySchema } from "@/kql/policies/batching";
import { retentionFormSchema } from "@/kql/policies/retention";

/**
 * Schemas of the policies API, shared by the forms (through useZodForm), the route handlers and the tests. The
 * policy models themselves — with ADX's limits and the messages naming them — live in `kql/policies` and are
 * re-exported here, so the browser and the server validate with the very same schema.
 */
export {
  BATCHING_FIELDS,
  BATCHING_LIMITS,
  DEFAULT_BATCHING_POLICY,
  ingestionBatchingPolicySchema,
  type BatchingField,
  type IngestionBatchingPolicy,
  type PolicySource,
} from "@/kql/policies/batching";
export {
  DEFAULT_RETENTION_POLICY,
  RETENTION_LIMITS,
  retentionFormSchema,
  type RetentionForm,
  type RetentionFormInput,
  type RetentionPolicy,
} from "@/kql/policies/retention";

/** Body of `POST /api/policies/retention`: `{ softDelete: "0s", recoverability?: "enabled" | "disabled" }`. */
export const retentionRequestSchema = retentionFormSchema;

/**
 * Body of `POST /api/policies/batching`: either the table's own policy (all three fields, each within ADX's
 * limits) or `inherit`, which deletes the table's policy so the database's (or ADX's default) applies.
 */
export const batchingRequestSchema = z.discriminatedUnion(
  "mode",
  [z.object({ mode: z.literal("inherit") }), ingestionBatchingPolicySchema.extend({ mode: z.literal("table") })],
  { error: 'mode must be "table" or "inherit"' },
);
export type BatchingRequest = z.output<typeof batchingRequestSchema>;
export type BatchingRequestInput = z.input<typeof batchingRequestSchema>;

const source = z.enum(["table", "database", "default"]);
const retentionPolicy = z.object({ SoftDeletePeriod: z.string(), Recoverability: z.enum(["Enabled", "Disabled"]) });
const batchingPolicy = z.object({
  MaximumBatchingTimeSpan: z.string(),
  MaximumNumberOfItems: z.number(),
  MaximumRawDataSizeMB: z.number(),
});

/** `GET /api/policies`: Staging's retention and batching (effective, source, each level) and its update policies. */
export const policiesViewSchema = z.object({
  database: z.string(),
  stagingTable: z.string(),
  stagingExists: z.boolean(),
  retention: z.object({
    effective: retentionPolicy,
    source,
    table: retentionPolicy.nullable(),
    database: retentionPolicy.nullable(),
    /** The effective soft-delete period is 0: Staging keeps nothing, every update policy must be transactional. */
    isZero: z.boolean(),
  }),
  batching: z.object({
    effective: batchingPolicy,
    source,
    table: batchingPolicy.nullable(),
    database: batchingPolicy.nullable(),
  }),
  /** Update policies whose `Source` is Staging, one row per entry. */
  updatePolicies: z.array(
    z.object({ table: z.string(), query: z.string(), isEnabled: z.boolean(), isTransactional: z.boolean() }),
  ),
  warnings: z.array(z.string()),
});
export type PoliciesView = z.infer<typeof policiesViewSchema>;

/** Answer of the two POST routes: the command that ran and the policies as read back afterwards. */
export const applyPolicyResponseSchema = z.object({ command: z.string(), policies: policiesViewSchema });
export type ApplyPolicyResponse = z.infer<typeof applyPolicyResponseSchema>;

/** One change of a Staging policy (or of the database's, which Staging may inherit), from `.show journal`. */
export const policyChangeSchema = z.object({
  at: z.string().nullable(),
  kind: z.enum(["retention", "ingestionbatching"]),
  level: z.enum(["table", "database"]),
  event: z.string(),
  before: z.string(),
  after: z.string(),
  command: z.string(),
  principal: z.string(),
  user: z.string(),
});
export type PolicyChange = z.infer<typeof policyChangeSchema>;

/** `GET /api/policies/history`: newest first; `unavailable` says why the journal could not be read. */
export const policyHistorySchema = z.object({
  changes: z.array(policyChangeSchema),
  unavailable: z.string().nullable(),
});
export type PolicyHistory = z.infer<typeof policyHistorySchema>;

/** A 400 answer for a body that fails its schema: the usual error body plus messages per field. */
export const fieldErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  cause: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())),
});
export type FieldErrorBody = z.infer<typeof fieldErrorBodySchema>;
