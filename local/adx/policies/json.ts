import { KustoError } from "../rest/errors";

/** Parses policy JSON text; bad JSON becomes ADX-style 400 naming the policy. */
export function parsePolicyJson(text: string, policyName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw KustoError.badRequest(
      `Failed to parse the ${policyName} JSON: ${(error as Error).message}. Text: ${text.slice(0, 200)}`,
      "BadRequest_InvalidPolicy",
    );
  }
}

/** A 400 for an invalid policy value. */
export function invalidPolicy(policyName: string, detail: string): KustoError {
  return KustoError.badRequest(`${policyName} is invalid: ${detail}`, "BadRequest_InvalidPolicy");
}

/** Looks up a JSON property case-insensitively (ADX's policy deserializer ignores case). */
export function prop(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/** Rejects properties outside `known` so a typo never silently changes the policy's meaning. */
export function rejectUnknown(obj: Record<string, unknown>, known: readonly string[], policyName: string): void {
  const lower = new Set(known.map((k) => k.toLowerCase()));
  for (const key of Object.keys(obj)) {
    if (!lower.has(key.toLowerCase())) {
      throw invalidPolicy(policyName, `unknown property '${key}' (known: ${known.join(", ")})`);
    }
  }
}

/** Checks that a value is a plain JSON object. */
export function asObject(value: unknown, policyName: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidPolicy(policyName, "expected a JSON object");
  }
  return value as Record<string, unknown>;
}
