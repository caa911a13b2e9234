import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { generateMessages } from "./generator";
import { runStream } from "./run-stream";
import { createFileSink, createStreamSink } from "./sinks";

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe("sinks", () => {
  it("file sink appends one NDJSON line per message", async () => {
    dir = await mkdtemp(join(tmpdir(), "local-stream-"));
    const path = join(dir, "out.ndjson");
    const sink = createFileSink(path);
    const final = await runStream({ sink, rate: 10_000, count: 12, recordsPerMessage: 5, seed: 9 }).done;
    await sink.close();
    const lines = (await readFile(path, "utf8")).split("\n").filter(Boolean);
    expect(lines).toHaveLength(final.delivered.messages);
    expect(lines.reduce((n, l) => n + (JSON.parse(l) as { records: unknown[] }).records.length, 0)).toBe(12);
  });

  it("stream sink writes the exact message text, newline-terminated", async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (c: Buffer) => chunks.push(c.toString("utf8")));
    const sink = createStreamSink(out);
    const messages = [
      ...generateMessages({ seed: 1, count: 6, recordsPerMessage: 3, startTime: "2026-08-01T00:00:00Z" }),
    ];
    for (const m of messages) expect(await sink(m)).toBe("accepted");
    expect(chunks.join("")).toBe(messages.map((m) => `${m}\n`).join(""));
  });
});
