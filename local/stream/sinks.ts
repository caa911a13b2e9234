import { once } from "node:events";
import { open, type FileHandle } from "node:fs/promises";
import type { Writable } from "node:stream";
import type { Sink } from "./sink";

/** Writes each message as one NDJSON line, honouring the stream's back-pressure. */
export function createStreamSink(stream: Writable): Sink {
  return async (message) => {
    if (!stream.write(`${message}\n`)) await once(stream, "drain");
    return "accepted";
  };
}

/** NDJSON on stdout. */
export function createStdoutSink(): Sink {
  return createStreamSink(process.stdout);
}

export interface FileSink extends Sink {
  close(): Promise<void>;
}

/** Appends each message as one NDJSON line to `path` (created if missing). */
export function createFileSink(path: string): FileSink {
  let handle: Promise<FileHandle> | null = null;
  const sink = (async (message: string) => {
    handle ??= open(path, "a");
    await (await handle).appendFile(`${message}\n`, "utf8");
    return "accepted" as const;
  }) as FileSink;
  sink.close = async () => {
    if (handle) await (await handle).close();
    handle = null;
  };
  return sink;
}
