import { parseArgs } from "node:util";
import { clientCredentials } from "@/local/entra/dev-client";
import { STREAM_CLIENT_ID, STREAM_CLIENT_SECRET } from "@/local/entra/directory";
import { CliError, parseCliArgs, USAGE } from "./cli-args";
import { createEngineSink } from "./engine-sink";
import { runStream, type StreamStatus } from "./run-stream";
import type { Sink } from "./sink";
import { createFileSink, createStdoutSink } from "./sinks";

const ENGINE_USAGE = `
Delivery to the local engine's queued intake (instead of --out):
  --engine URL             engine base URL, e.g. http://127.0.0.1:8080 (the token's audience too)
  --idp URL                local identity provider (default $LOCAL_ENTRA_URL or http://127.0.0.1:4080); the stream
                           app signs in with client credentials, as an Event Hub data connection's identity would
  --database NAME          default Defender
  --table NAME             default Staging
  --mapping NAME           default StagingMapping`;

interface EngineOptions {
  engine: string;
  idp: string;
  database: string;
  table: string;
  mapping: string;
}

const ENGINE_FLAGS = ["engine", "idp", "database", "table", "mapping"] as const;

/** Takes the engine delivery options out of argv; the rest goes to the simulator's own parser. */
function splitEngineArgs(argv: readonly string[]): { engine: EngineOptions | undefined; rest: string[] } {
  const { values, tokens } = parseArgs({
    args: [...argv],
    strict: false,
    tokens: true,
    options: Object.fromEntries(ENGINE_FLAGS.map((flag) => [flag, { type: "string" }])),
  });
  const rest: string[] = [];
  const taken = new Set<number>();
  for (const token of tokens ?? []) {
    if (token.kind === "option" && (ENGINE_FLAGS as readonly string[]).includes(token.name)) {
      if (token.value === undefined) throw new CliError(`Option --${token.name} needs a value`);
      taken.add(token.index);
      if (token.inlineValue === false) taken.add(token.index + 1);
    }
  }
  argv.forEach((arg, index) => {
    if (!taken.has(index)) rest.push(arg);
  });
  const text = (name: (typeof ENGINE_FLAGS)[number]) => (typeof values[name] === "string" ? values[name] : undefined);
  const engine = text("engine");
  const others = ENGINE_FLAGS.filter((flag) => flag !== "engine" && text(flag) !== undefined);
  if (!engine) {
    if (others.length > 0) throw new CliError(`--${others[0]} needs --engine`);
    return { engine: undefined, rest };
  }
  for (const [name, url] of [
    ["engine", engine],
    ["idp", text("idp")],
  ] as const) {
    if (url !== undefined && !URL.canParse(url)) throw new CliError(`Invalid --${name} '${url}': not a URL`);
  }
  return {
    engine: {
      engine: engine.replace(/\/+$/, ""),
      idp: (text("idp") ?? process.env.LOCAL_ENTRA_URL ?? "http://127.0.0.1:4080").replace(/\/+$/, ""),
      database: text("database") ?? "Defender",
      table: text("table") ?? "Staging",
      mapping: text("mapping") ?? "StagingMapping",
    },
    rest,
  };
}

/** The stream app's token for the engine, renewed a few minutes before it expires. */
function streamToken(idp: string, resource: string): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  return async () => {
    if (!cached || Date.now() >= cached.renewAt) {
      const set = await clientCredentials(idp, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET, resource);
      cached = { token: set.access_token, renewAt: Date.now() + Math.max(30, set.expires_in - 300) * 1000 };
    }
    return cached.token;
  };
}

/** One line whenever the delivery state changes, so `npm start` shows that the stream waits for Staging. */
function reportStateChanges(status: () => StreamStatus, target: string): NodeJS.Timeout {
  let last = "";
  const seen = { errors: 0, notReady: 0 };
  let failing = false;
  const timer = setInterval(() => {
    const now = status();
    // Whichever count moved tells what the last attempt got: an error, or "not ready yet".
    if (now.sinkErrors > seen.errors) failing = true;
    else if (now.notReadyResponses > seen.notReady) failing = false;
    seen.errors = now.sinkErrors;
    seen.notReady = now.notReadyResponses;
    let line = "";
    if (now.state === "waiting" && failing && now.lastError) line = `retrying: ${now.lastError}`;
    else if (now.state === "waiting")
      line = `waiting for ${target} and its mapping to exist (set them up in the console)`;
    else if (now.state === "running" && now.delivered.messages > 0) line = `delivering to ${target}`;
    if (line && line !== last) process.stderr.write(`local-stream ${line}\n`);
    if (line) last = line;
  }, 1000);
  timer.unref();
  return timer;
}

async function main(): Promise<number> {
  let options;
  let engine: EngineOptions | undefined;
  try {
    const split = splitEngineArgs(process.argv.slice(2));
    engine = split.engine;
    options = parseCliArgs(split.rest);
    if (engine && options.out !== "-") throw new CliError("--out and --engine cannot be combined");
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n${ENGINE_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n${ENGINE_USAGE}\n`);
    return 0;
  }
  const fileSink = engine || options.out === "-" ? null : createFileSink(options.out);
  let sink: Sink = fileSink ?? createStdoutSink();
  if (engine) {
    sink = createEngineSink({
      engineUrl: engine.engine,
      database: engine.database,
      table: engine.table,
      mappingName: engine.mapping,
      token: streamToken(engine.idp, engine.engine),
    });
    process.stderr.write(
      `local-stream: ${options.rate} events/s to ${engine.engine} ${engine.database}.${engine.table} ` +
        `(mapping ${engine.mapping}), signing in at ${engine.idp}\n`,
    );
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const handle = runStream({
    sink,
    rate: options.rate,
    count: options.count,
    seed: options.seed,
    tables: options.tables,
    includePreview: options.includePreview,
    recordsPerMessage: options.recordsPerMessage,
    malformedRate: options.malformedRate,
    signal: controller.signal,
  });
  const reporter = engine ? reportStateChanges(handle.status, `${engine.database}.${engine.table}`) : undefined;
  const final = await handle.done;
  clearInterval(reporter);
  await fileSink?.close();
  // Status goes to stderr so stdout stays pure NDJSON.
  process.stderr.write(
    `local-stream ${final.state}: ${final.produced.records} events in ${final.produced.messages} messages, ` +
      `${final.delivered.messages} delivered, ${final.buffered.messages} still buffered\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`local-stream failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
