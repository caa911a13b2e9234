/**
 * A sink that delivers messages to the local ADX engine's queued intake (`POST /local/eventhub/{db}/{table}`),
 * the stand-in for an Event Hub data connection: 202 → accepted (durably queued), 409 → not-ready (the table or
 * its mapping does not exist yet: keep the message), anything else → an error the stream counts and retries.
 */
import { gzipSync } from "node:zlib";
import type { Sink, SinkResult } from "./sink";

export interface EngineSinkOptions {
  /** Engine base URL, e.g. `http://127.0.0.1:8080`. */
  readonly engineUrl: string;
  readonly database: string;
  readonly table: string;
  readonly mappingName: string;
  /** Data format of each message; default `multijson` (the seed's data connection setting). */
  readonly format?: "multijson" | "json";
  /** Bearer token for the engine (e.g. client credentials of the stream app); called per message, so cache inside. */
  readonly token: () => Promise<string>;
  /** Gzip bodies (as Event Hub clients usually do); default true. */
  readonly gzip?: boolean;
}

/** The engine's error text from a OneApiError body, or the raw text. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { "@message"?: string; message?: string } };
    return parsed.error?.["@message"] ?? parsed.error?.message ?? body;
  } catch {
    return body;
  }
}

/** Delivers a batch of messages in one request: all accepted, or (not-ready / thrown) none. */
export type BatchSink = (messages: readonly string[]) => Promise<SinkResult>;

/** A request body ready to send (built, and gzipped when the options say so). */
export interface EncodedRequest {
  readonly body: Buffer<ArrayBuffer> | string;
  readonly contentType: string;
  readonly gzip: boolean;
}

const SINGLE = "application/json; charset=utf-8";
// Event Hubs' REST batch-send form: a JSON array of {"Body": message}.
const BATCH = "application/vnd.microsoft.servicebus.json";

/**
 * Builds the request body: one message as it is (`single`), or any number in Event Hubs' batch form (`batch`).
 * Separate from sending, so a producer (the ingestion bench) can prepare its requests before it measures the engine.
 */
export function encodeMessages(
  options: { readonly gzip?: boolean },
  form: "single" | "batch",
  messages: readonly string[],
): EncodedRequest {
  const gzip = options.gzip ?? true;
  const [contentType, text] =
    form === "single" ? [SINGLE, messages[0] ?? ""] : [BATCH, JSON.stringify(messages.map((m) => ({ Body: m })))];
  return { body: gzip ? gzipSync(text) : text, contentType, gzip };
}

/** Creates a sender of encoded requests to the table's intake URL. */
export function createEncodedSender(options: EngineSinkOptions): (request: EncodedRequest) => Promise<SinkResult> {
  const query = new URLSearchParams({ format: options.format ?? "multijson", mappingName: options.mappingName });
  const url = `${options.engineUrl.replace(/\/+$/, "")}/local/eventhub/${encodeURIComponent(options.database)}/${encodeURIComponent(options.table)}?${query}`;
  return async (request) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await options.token()}`,
      "content-type": request.contentType,
    };
    if (request.gzip) headers["content-encoding"] = "gzip";
    const body = typeof request.body === "string" ? request.body : new Blob([request.body]);
    const response = await fetch(url, { method: "POST", headers, body });
    const answer = await response.text();
    if (response.status === 202) return "accepted";
    if (response.status === 409) return "not-ready";
    throw new Error(`Engine intake answered ${response.status}: ${errorText(answer).slice(0, 500)}`);
  };
}

/** Creates the engine sink: one message per request. */
export function createEngineSink(options: EngineSinkOptions): Sink {
  const send = createEncodedSender(options);
  return (message) => send(encodeMessages(options, "single", [message]));
}

/**
 * Creates a sink that sends several messages per request, as Event Hubs producers send an `EventDataBatch`: Event
 * Hubs' REST batch form (`application/vnd.microsoft.servicebus.json`, a JSON array of `{"Body": message}`). Each
 * message is still one event — one item of the table's batching policy.
 */
export function createEngineBatchSink(options: EngineSinkOptions): BatchSink {
  const send = createEncodedSender(options);
  return async (messages) => (messages.length === 0 ? "accepted" : send(encodeMessages(options, "batch", messages)));
}
