/**
 * The update policy of a target table: an array of entries, each running `Query` over the rows newly ingested into
 * `Source` and appending the result to the target (`adx-reference.md` §3.1).
 */
import { z } from "zod";
import { parseOrThrow, parsePolicyJsonText, PolicyError } from "./errors";

const POLICY_NAME = "UpdatePolicy";

const bool = (field: string) => z.boolean({ error: `${field} must be true or false` });
const nonEmpty = (field: string, what: string) =>
  z
    .string({ error: `${field} must be a string (${what})` })
    .refine((s) => s.trim() !== "", { error: `${field} must not be empty (${what})` });

/**
 * One update policy entry. Known fields are typed; unknown keys that ADX adds on read-back are kept, so a policy
 * read from the cluster can be compared and written back without losing them.
 */
export const updatePolicyEntrySchema = z.looseObject({
  IsEnabled: bool("IsEnabled"),
  Source: nonEmpty("Source", "the source table name"),
  Query: nonEmpty("Query", "the KQL producing the target rows, e.g. FilterDeviceEvents()"),
  IsTransactional: bool("IsTransactional").default(false),
  PropagateIngestionProperties: bool("PropagateIngestionProperties").default(false),
  SourceIsWildCard: bool("SourceIsWildCard").optional(),
  ManagedIdentity: z
    .string({ error: "ManagedIdentity must be a string (an object id or system) or null" })
    .nullable()
    .optional(),
  /** Read-only, populated by the system; kept on read, never written back (see `serializeUpdatePolicy`). */
  OwnerPrincipalDetails: z.unknown().optional(),
});

/** The whole update policy of one table: zero or more entries. */
export const updatePolicySchema = z.array(updatePolicyEntrySchema, {
  error: `${POLICY_NAME} must be a JSON array of policy entries`,
});

/** A validated update policy entry (defaults filled). */
export type UpdatePolicyEntry = z.output<typeof updatePolicyEntrySchema>;

/** An update policy entry before validation (`IsTransactional`, `PropagateIngestionProperties` optional). */
export type UpdatePolicyEntryInput = z.input<typeof updatePolicyEntrySchema>;

/** Validates update policy entries, throwing `PolicyError` naming the first bad field (e.g. `[0].Query`). */
export function validateUpdatePolicy(input: unknown): UpdatePolicyEntry[] {
  return parseOrThrow(updatePolicySchema, input, POLICY_NAME);
}

/**
 * Parses the `Policy` column of `.show table T policy update`: `null`, `"null"` and `"[]"` give `[]`.
 * @throws PolicyError on invalid JSON, a non-array, or an invalid entry.
 */
export function parseUpdatePolicyJson(text: string | null): UpdatePolicyEntry[] {
  const json = parsePolicyJsonText(text, POLICY_NAME);
  if (json === null) return [];
  if (!Array.isArray(json)) {
    throw new PolicyError(POLICY_NAME, `${POLICY_NAME} must be a JSON array of policy entries`);
  }
  return validateUpdatePolicy(json);
}

const KNOWN_ORDER = [
  "IsEnabled",
  "Source",
  "Query",
  "IsTransactional",
  "PropagateIngestionProperties",
  "SourceIsWildCard",
  "ManagedIdentity",
] as const;

// System-populated and read-only: echoing it back would ask ADX to set something it owns.
const READ_ONLY = new Set(["OwnerPrincipalDetails"]);

/**
 * Serializes update policy entries as compact JSON for `.alter table T policy update @'…'`, keys in the documented
 * order (`IsEnabled`, `Source`, `Query`, `IsTransactional`, `PropagateIngestionProperties`, then optional ones);
 * optional fields are written only when set, `OwnerPrincipalDetails` never.
 * @throws PolicyError when an entry is invalid.
 */
export function serializeUpdatePolicy(entries: readonly UpdatePolicyEntryInput[]): string {
  const valid = validateUpdatePolicy(entries);
  return JSON.stringify(
    valid.map((entry) => {
      const ordered: Record<string, unknown> = {};
      for (const key of KNOWN_ORDER) if (entry[key] !== undefined) ordered[key] = entry[key];
      for (const [key, value] of Object.entries(entry)) {
        if (!(key in ordered) && !READ_ONLY.has(key) && value !== undefined) ordered[key] = value;
      }
      return ordered;
    }),
  );
}
