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

function poster(options: EngineSinkOptions): (body: string, contentType: string) => Promise<SinkResult> {
  const query = new URLSearchParams({ format: options.format ?? "multijson", mappingName: options.mappingName });
  const url = `${options.engineUrl.replace(/\/+$/, "")}/local/eventhub/${encodeURIComponent(options.database)}/${encodeURIComponent(options.table)}?${query}`;
  const gzip = options.gzip ?? true;
  return async (text, contentType) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await options.token()}`,
      "content-type": contentType,
    };
    let body: BodyInit = text;
    if (gzip) {
      body = new Blob([gzipSync(text)]);
      headers["content-encoding"] = "gzip";
    }
    const response = await fetch(url, { method: "POST", headers, body });
    const answer = await response.text();
    if (response.status === 202) return "accepted";
    if (response.status === 409) return "not-ready";
    throw new Error(`Engine intake answered ${response.status}: ${errorText(answer).slice(0, 500)}`);
  };
}

/** Creates the engine sink: one message per request. */
export function createEngineSink(options: EngineSinkOptions): Sink {
  const post = poster(options);
  return (message) => post(message, "application/json; charset=utf-8");
}

/**
 * Creates a sink that sends several messages per request, as Event Hubs producers send an `EventDataBatch`: Event
 * Hubs' REST batch form (`application/vnd.microsoft.servicebus.json`, a JSON array of `{"Body": message}`). Each
 * message is still one event — one item of the table's batching policy.
 */
export function createEngineBatchSink(options: EngineSinkOptions): BatchSink {
  const post = poster(options);
  return async (messages) =>
    messages.length === 0
      ? "accepted"
      : post(JSON.stringify(messages.map((m) => ({ Body: m }))), "application/vnd.microsoft.servicebus.json");
}
