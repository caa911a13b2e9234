import { createEventGenerator, type GeneratorOptions } from "./generator";
import { MessageBuffer, type LossCounts } from "./message-buffer";
import type { Sink } from "./sink";

export interface RunStreamOptions extends Omit<GeneratorOptions, "clock" | "startTime"> {
  readonly sink: Sink;
  /** Events (records) per second. Default 10. */
  readonly rate?: number;
  /** Stop producing after this many events, deliver what is buffered, then finish. Default: run until aborted. */
  readonly count?: number;
  readonly signal?: AbortSignal;
  /** Event Hub-like buffer: default 10,000 messages and 24 h retention. */
  readonly buffer?: { readonly maxMessages?: number; readonly retentionMs?: number };
  /** Retry delays while the sink is not ready or failing: default 250 ms doubling up to 10 s. */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Wall clock (ms); default Date.now. Records are stamped with it. */
  readonly now?: () => number;
}

export type StreamState = "running" | "waiting" | "completed" | "stopped";

export interface StreamStatus {
  /** `waiting`: the sink said not-ready (or failed) and messages are held for a retry. */
  readonly state: StreamState;
  readonly startedAt: string;
  readonly rate: number;
  readonly produced: { readonly messages: number; readonly records: number; readonly malformed: number };
  readonly delivered: { readonly messages: number; readonly records: number };
  readonly buffered: { readonly messages: number; readonly records: number; readonly oldestEnqueuedAt: string | null };
  /** Removed because the buffer held more than `maxMessages` (oldest first). */
  readonly dropped: LossCounts;
  /** Removed because they waited longer than the retention period. */
  readonly expired: LossCounts;
  readonly notReadyResponses: number;
  readonly sinkErrors: number;
  readonly lastError: string | null;
  readonly waitingSince: string | null;
  readonly nextAttemptAt: string | null;
}

export interface StreamHandle {
  status(): StreamStatus;
  /** Resolves with the final status when the count is delivered (or lost) or the signal aborts. */
  readonly done: Promise<StreamStatus>;
}

/** Resolves after `ms`, or early (without throwing) when the signal aborts or `wake` fires. */
function pause(ms: number, signal: AbortSignal | undefined, wake?: { promise: Promise<void> }): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
    void wake?.promise.then(done);
  });
}

function wakeup() {
  let fire = () => {};
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Produces messages at `rate` events/s into an Event Hub-like buffer and delivers them to `sink` in order.
 * While the sink answers "not-ready" the stream waits with exponential back-off, keeps producing into the
 * bounded buffer (oldest dropped beyond `maxMessages`, expired beyond `retentionMs`) and delivers once accepted.
 */
export function runStream(options: RunStreamOptions): StreamHandle {
  const now = options.now ?? Date.now;
  const rate = options.rate && options.rate > 0 ? options.rate : 10;
  const generator = createEventGenerator({ ...options, rate, clock: now });
  const buffer = new MessageBuffer({
    maxMessages: options.buffer?.maxMessages ?? 10_000,
    retentionMs: options.buffer?.retentionMs ?? 24 * 3600_000,
  });
  const initialBackoff = options.backoff?.initialMs ?? 250;
  const maxBackoff = options.backoff?.maxMs ?? 10_000;
  const signal = options.signal;
  const startedAt = now();
  const produced = { messages: 0, records: 0, malformed: 0 };
  const delivered = { messages: 0, records: 0 };
  let notReadyResponses = 0;
  let sinkErrors = 0;
  let lastError: string | null = null;
  let waitingSince: number | null = null;
  let nextAttemptAt: number | null = null;
  let producing = true;
  let finished: StreamState | null = null;
  let wake = wakeup();

  const status = (): StreamStatus => {
    const oldest = buffer.peek();
    return {
      state: finished ?? (waitingSince !== null ? "waiting" : "running"),
      startedAt: iso(startedAt) ?? "",
      rate,
      produced: { ...produced },
      delivered: { ...delivered },
      buffered: {
        messages: buffer.size,
        records: buffer.records,
        oldestEnqueuedAt: oldest ? iso(oldest.enqueuedAt) : null,
      },
      dropped: { ...buffer.dropped },
      expired: { ...buffer.expired },
      notReadyResponses,
      sinkErrors,
      lastError,
      waitingSince: iso(waitingSince),
      nextAttemptAt: iso(nextAttemptAt),
    };
  };

  const produce = async () => {
    const total = options.count ?? Number.POSITIVE_INFINITY;
    while (!signal?.aborted && produced.records < total) {
      const dueAt = startedAt + (produced.records * 1000) / rate;
      if (dueAt > now()) await pause(dueAt - now(), signal);
      if (signal?.aborted) break;
      const message = generator.next(total - produced.records);
      produced.messages++;
      produced.records += message.recordCount;
      if (message.malformed) produced.malformed++;
      buffer.push({ text: message.text, recordCount: message.recordCount, enqueuedAt: now() });
      wake.fire();
    }
    producing = false;
    wake.fire();
  };

  const deliver = async () => {
    let backoff = initialBackoff;
    while (!signal?.aborted) {
      buffer.expire(now());
      const head = buffer.peek();
      if (!head) {
        if (!producing) return;
        wake = wakeup();
        await pause(1000, signal, wake);
        continue;
      }
      let accepted = false;
      try {
        accepted = (await options.sink(head.text)) === "accepted";
        if (!accepted) notReadyResponses++;
      } catch (error) {
        sinkErrors++;
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (accepted) {
        // The head may have been dropped while the sink was busy; only count what is still ours.
        if (buffer.peek() === head) buffer.shift();
        delivered.messages++;
        delivered.records += head.recordCount;
        waitingSince = null;
        nextAttemptAt = null;
        backoff = initialBackoff;
        continue;
      }
      waitingSince ??= now();
      nextAttemptAt = now() + backoff;
      await pause(backoff, signal);
      backoff = Math.min(maxBackoff, backoff * 2);
    }
  };

  const done = Promise.all([produce(), deliver()]).then(() => {
    finished = signal?.aborted ? "stopped" : "completed";
    nextAttemptAt = null;
    return status();
  });
  return { status, done };
}
