/**
 * Where messages go. `"not-ready"` means "try again later, keep the message" (the engine's queued intake answers
 * that while Staging does not exist); a thrown error is counted and retried the same way.
 */
export type SinkResult = "accepted" | "not-ready";
export type Sink = (message: string) => Promise<SinkResult>;
