import { KustoError } from "./errors";

/** The body of a query or management request. */
export interface KustoRequestBody {
  readonly db: string;
  readonly csl: string;
  /** `properties` as an object (it may arrive as a JSON string). */
  readonly properties: Record<string, unknown>;
}

/** Reads `{db, csl, properties}`; `properties` may be an object or a JSON-encoded string. */
export function readRequestBody(body: unknown): KustoRequestBody {
  if (typeof body !== "object" || body === null) throw KustoError.badRequest("The request body must be a JSON object.");
  const b = body as Record<string, unknown>;
  if (typeof b.csl !== "string" || b.csl.trim() === "") throw KustoError.badRequest("The request has no 'csl' text.");
  let properties: unknown = b.properties ?? {};
  if (typeof properties === "string") {
    try {
      properties = properties.trim() === "" ? {} : JSON.parse(properties);
    } catch {
      throw KustoError.badRequest("'properties' is not valid JSON.");
    }
  }
  if (typeof properties !== "object" || properties === null)
    throw KustoError.badRequest("'properties' must be an object.");
  return { db: typeof b.db === "string" ? b.db : "", csl: b.csl, properties: properties as Record<string, unknown> };
}

/** True when the text is a control command: its first token (after comments) starts with a dot. */
export function isCommandText(text: string): boolean {
  return /^(?:\s|\/\/[^\n]*(?:\n|$))*\./.test(text);
}
