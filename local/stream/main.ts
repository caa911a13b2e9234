import { CliError, parseCliArgs, USAGE } from "./cli-args";
import { runStream } from "./run-stream";
import { createFileSink, createStdoutSink } from "./sinks";

async function main(): Promise<number> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const fileSink = options.out === "-" ? null : createFileSink(options.out);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const handle = runStream({
    sink: fileSink ?? createStdoutSink(),
    rate: options.rate,
    count: options.count,
    seed: options.seed,
    tables: options.tables,
    includePreview: options.includePreview,
    recordsPerMessage: options.recordsPerMessage,
    malformedRate: options.malformedRate,
    signal: controller.signal,
  });
  const final = await handle.done;
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
