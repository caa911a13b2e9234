/**
 * Defender Streaming API simulator: deterministic Advanced Hunting events for every catalog table, wrapped as
 * Event Hub messages, delivered at a rate through an Event Hub-like buffer to a sink.
 */
export {
  createEventGenerator,
  generateMessages,
  type EventGenerator,
  type GeneratedMessage,
  type GeneratorOptions,
} from "./generator";
export { runStream, type RunStreamOptions, type StreamHandle, type StreamState, type StreamStatus } from "./run-stream";
export type { Sink, SinkResult } from "./sink";
export { createFileSink, createStdoutSink, createStreamSink, type FileSink } from "./sinks";
export { DEFAULT_TABLE_WEIGHTS, parseTableMix, TableMixError, type TableWeights } from "./table-mix";
export { LOCAL_TENANT_ID } from "./envelope";
export { MALFORMED_KINDS, type MalformedKind } from "./malformed";
export { toJsonText, type JsonValue } from "./json-text";
