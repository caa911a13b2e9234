import { KustoError } from "../rest/errors";
import { asObject, invalidPolicy, parsePolicyJson, prop, rejectUnknown } from "./json";

/** One stored update policy entry, in the key order the engine echoes. */
export interface UpdatePolicyEntry {
  readonly IsEnabled: boolean;
  readonly Source: string;
  readonly Query: string;
  readonly IsTransactional: boolean;
  readonly PropagateIngestionProperties: boolean;
  readonly ManagedIdentity?: string | null;
}

const NAME = "UpdatePolicy";
const KNOWN = [
  "IsEnabled",
  "Source",
  "Query",
  "IsTransactional",
  "PropagateIngestionProperties",
  "ManagedIdentity",
  "SourceIsWildCard",
  "OwnerPrincipalDetails",
];

/** Parses `.alter table T policy update` JSON: an array of entries with a Source and a Query. */
export function updatePolicyFromJson(text: string): UpdatePolicyEntry[] {
  const json = parsePolicyJson(text, NAME);
  if (!Array.isArray(json)) throw invalidPolicy(NAME, "expected a JSON array of update policy entries");
  return json.map((item, i) => {
    const obj = asObject(item, `${NAME}[${i}]`);
    rejectUnknown(obj, KNOWN, `${NAME}[${i}]`);
    if (prop(obj, "SourceIsWildCard") === true) {
      throw KustoError.notSupported("An update policy with SourceIsWildCard = true");
    }
    const source = prop(obj, "Source");
    const query = prop(obj, "Query");
    if (typeof source !== "string" || source.trim() === "")
      throw invalidPolicy(NAME, `entry ${i}: Source must be a non-empty string`);
    if (typeof query !== "string" || query.trim() === "")
      throw invalidPolicy(NAME, `entry ${i}: Query must be a non-empty string`);
    const identity = prop(obj, "ManagedIdentity");
    if (identity !== undefined && identity !== null && typeof identity !== "string") {
      throw invalidPolicy(NAME, `entry ${i}: ManagedIdentity must be a string or null`);
    }
    return {
      IsEnabled: boolOf(prop(obj, "IsEnabled"), "IsEnabled", i),
      Source: source,
      Query: query,
      IsTransactional: boolOf(prop(obj, "IsTransactional"), "IsTransactional", i),
      PropagateIngestionProperties: boolOf(
        prop(obj, "PropagateIngestionProperties"),
        "PropagateIngestionProperties",
        i,
      ),
      ...(identity !== undefined ? { ManagedIdentity: identity as string | null } : {}),
    };
  });
}

// Omitted booleans default to false, as in ADX's policy object.
function boolOf(value: unknown, field: string, index: number): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw invalidPolicy(NAME, `entry ${index}: ${field} must be true or false`);
}
