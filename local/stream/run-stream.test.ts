import { describe, expect, it } from "vitest";
import { MessageBuffer } from "./message-buffer";
import { runStream } from "./run-stream";
import type { Sink } from "./sink";

const recordsIn = (messages: string[]) =>
  messages.reduce((n, m) => n + (JSON.parse(m) as { records: unknown[] }).records.length, 0);

function collectingSink(): { sink: Sink; messages: string[] } {
  const messages: string[] = [];
  return { messages, sink: async (m) => (messages.push(m), "accepted") };
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("runStream", () => {
  it("delivers exactly `count` events and completes", async () => {
    const { sink, messages } = collectingSink();
    const handle = runStream({ sink, rate: 5000, count: 47, recordsPerMessage: 10, seed: 1 });
    const final = await handle.done;
    expect(final.state).toBe("completed");
    expect(recordsIn(messages)).toBe(47);
    expect(final.produced).toEqual({ messages: 5, records: 47, malformed: 0 });
    expect(final.delivered).toEqual({ messages: 5, records: 47 });
    expect(final.buffered.messages).toBe(0);
  });

  it("paces production at the configured rate", async () => {
    const { sink } = collectingSink();
    const started = Date.now();
    await runStream({ sink, rate: 100, count: 30, recordsPerMessage: 5, seed: 2 }).done;
    // 30 events at 100/s: the last message is due 250 ms after the start.
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("stops on abort and reports the stopped state", async () => {
    const { sink, messages } = collectingSink();
    const controller = new AbortController();
    const handle = runStream({ sink, rate: 200, recordsPerMessage: 2, seed: 3, signal: controller.signal });
    await until(() => messages.length >= 3);
    controller.abort();
    const final = await handle.done;
    expect(final.state).toBe("stopped");
    const after = messages.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(messages.length).toBe(after);
    expect(final.produced.records).toBeGreaterThanOrEqual(6);
  });

  it("waits with back-off while the sink is not ready, then delivers everything in order", async () => {
    let ready = false;
    const delivered: string[] = [];
    const attempts: number[] = [];
    const sink: Sink = async (m) => {
      attempts.push(Date.now());
      if (!ready) return "not-ready";
      delivered.push(m);
      return "accepted";
    };
    const handle = runStream({
      sink,
      rate: 10_000,
      count: 30,
      recordsPerMessage: 3,
      seed: 4,
      backoff: { initialMs: 5, maxMs: 40 },
    });
    await until(() => handle.status().notReadyResponses >= 4);
    const waiting = handle.status();
    expect(waiting.state).toBe("waiting");
    expect(waiting.waitingSince).not.toBeNull();
    expect(waiting.buffered.messages).toBeGreaterThan(0);
    expect(waiting.delivered.messages).toBe(0);
    // Back-off grows: later gaps are longer than the first.
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] ?? t));
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(15);
    ready = true;
    const final = await handle.done;
    expect(final.state).toBe("completed");
    expect(final.delivered).toEqual({ messages: 10, records: 30 });
    expect(final.waitingSince).toBeNull();
    expect(recordsIn(delivered)).toBe(30);
  });

  it("drops the oldest messages beyond the buffer bound and counts them", async () => {
    let ready = false;
    const delivered: string[] = [];
    const sink: Sink = async (m) => (ready ? (delivered.push(m), "accepted") : "not-ready");
    const reference: string[] = [];
    // A frozen clock makes both runs stamp identical times, so texts compare byte for byte.
    const now = () => Date.UTC(2026, 7, 1, 12);
    await runStream({
      sink: async (m) => (reference.push(m), "accepted"),
      rate: 10_000,
      count: 20,
      recordsPerMessage: 2,
      seed: 5,
      now,
    }).done;

    const handle = runStream({
      sink,
      rate: 10_000,
      count: 20,
      recordsPerMessage: 2,
      seed: 5,
      now,
      buffer: { maxMessages: 3 },
      backoff: { initialMs: 5, maxMs: 5 },
    });
    await until(() => handle.status().produced.messages === 10);
    const held = handle.status();
    expect(held.buffered.messages).toBe(3);
    expect(held.dropped).toEqual({ messages: 7, records: 14 });
    ready = true;
    const final = await handle.done;
    expect(final.delivered.messages).toBe(3);
    // The survivors are the newest three messages.
    expect(delivered).toEqual(reference.slice(-3));
  });

  it("expires messages older than the retention period", async () => {
    const handle = runStream({
      sink: async () => "not-ready",
      rate: 10_000,
      count: 8,
      recordsPerMessage: 2,
      seed: 6,
      buffer: { retentionMs: 30 },
      backoff: { initialMs: 5, maxMs: 10 },
    });
    const final = await handle.done;
    expect(final.state).toBe("completed");
    expect(final.expired).toEqual({ messages: 4, records: 8 });
    expect(final.delivered.messages).toBe(0);
    expect(final.buffered.messages).toBe(0);
  });

  it("counts sink errors and retries them like not-ready", async () => {
    let calls = 0;
    const delivered: string[] = [];
    const sink: Sink = async (m) => {
      if (++calls <= 2) throw new Error("connection refused");
      delivered.push(m);
      return "accepted";
    };
    const final = await runStream({
      sink,
      rate: 10_000,
      count: 4,
      recordsPerMessage: 2,
      seed: 7,
      backoff: { initialMs: 2 },
    }).done;
    expect(final.sinkErrors).toBe(2);
    expect(final.lastError).toBe("connection refused");
    expect(recordsIn(delivered)).toBe(4);
  });
});

describe("MessageBuffer", () => {
  it("rejects invalid limits and keeps FIFO order", () => {
    expect(() => new MessageBuffer({ maxMessages: 0, retentionMs: 1 })).toThrow();
    const b = new MessageBuffer({ maxMessages: 2, retentionMs: 100 });
    b.push({ text: "a", recordCount: 1, enqueuedAt: 0 });
    b.push({ text: "b", recordCount: 2, enqueuedAt: 10 });
    b.push({ text: "c", recordCount: 3, enqueuedAt: 20 });
    expect(b.dropped).toEqual({ messages: 1, records: 1 });
    expect(b.records).toBe(5);
    b.expire(115);
    expect(b.expired).toEqual({ messages: 1, records: 2 });
    expect(b.shift()?.text).toBe("c");
    expect(b.size).toBe(0);
  });
});
