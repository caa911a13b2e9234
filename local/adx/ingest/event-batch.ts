/**
 * Event Hubs' REST batch send (`POST https://{namespace}.servicebus.windows.net/{eventHub}/messages` with
 * `Content-Type: application/vnd.microsoft.servicebus.json`): the body is a JSON array of
 * `{"Body": "<event text>", "UserProperties"?: {…}, "BrokerProperties"?: {…}, "IsBodyBase64"?: bool}`, and each
 * element is one event for the consumers (here: one message, one item of the ingestion batching policy).
 */

/** The content type that marks a batch send. */
export const EVENT_BATCH_CONTENT_TYPE = "application/vnd.microsoft.servicebus.json";

/** Whether a request's content type is the batch send's (parameters such as `charset` ignored). */
export function isEventBatch(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === EVENT_BATCH_CONTENT_TYPE;
}

/** The event bodies of a batch, in order, or why the batch itself is malformed (then no event is taken). */
export type EventBatchParse =
  { readonly ok: true; readonly bodies: string[] } | { readonly ok: false; readonly reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads a batch send's body. Only the envelope is checked: an event whose Body is not valid JSON is still an event
 * (it fails at ingestion, like a single bad message), whereas a body that is not a non-empty array of objects with
 * a string `Body` is refused whole. Properties are accepted and not used (the data connection here maps none).
 */
export function parseEventBatch(text: string): EventBatchParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the batch is not valid JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(parsed)) return { ok: false, reason: 'the batch must be a JSON array of {"Body": …} objects' };
  if (parsed.length === 0) return { ok: false, reason: "the batch is empty" };
  const bodies: string[] = [];
  for (const [i, element] of parsed.entries()) {
    if (!isObject(element)) return { ok: false, reason: `element ${i} is not an object` };
    const body = element.Body;
    if (typeof body !== "string") return { ok: false, reason: `element ${i} has no string 'Body'` };
    for (const key of ["UserProperties", "BrokerProperties"]) {
      if (element[key] !== undefined && !isObject(element[key]))
        return { ok: false, reason: `element ${i}: '${key}' must be an object` };
    }
    const base64 = element.IsBodyBase64;
    if (base64 !== undefined && typeof base64 !== "boolean")
      return { ok: false, reason: `element ${i}: 'IsBodyBase64' must be a boolean` };
    bodies.push(base64 ? Buffer.from(body, "base64").toString("utf8") : body);
  }
  return { ok: true, bodies };
}
