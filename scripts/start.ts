/**
 * `npm start`: builds the app when needed, then runs the local stack until Ctrl-C — local/entra (4080), local/adx
 * (8080, auth on, data in .data/local-adx), local/stream (a few events/s into Staging, waiting while it does not
 * exist) and the app (3000) — each started once the previous one answers. With KUSTO_CLUSTER_URL and the Entra
 * settings present (connected mode) it starts only the app.
 *
 *   npm start [-- --no-app] [--no-stream] [--https] [--data-dir DIR | --temp-data] [--stream-rate N]
 *
 * Ports: PORT (3000), LOCAL_ENTRA_PORT (4080), LOCAL_ADX_PORT (8080). `--temp-data` (tests) uses a fresh folder
 * that is deleted on exit.
 */
import nextEnv from "@next/env";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_USERS, TENANT_ID } from "@/local/entra/directory";
import { ensureBuild, repoRoot } from "./ensure-build";
import { acquireStartLock, type StartLock } from "./start-lock";
import { DEFAULT_STREAM_RATE, type ServiceName, type StackOptions, stackSpecs, startInOrder } from "./start-services";
import { isPortFree, parsePort, supervise, type Supervisor } from "./supervisor";

const HOST = "127.0.0.1";

const USAGE = `Usage: npm start [-- options]
  --no-app          local services only (entra, adx, stream)
  --no-stream       no stream simulator
  --https           serve the identity provider over https with a generated CA (MSAL setup A)
  --data-dir DIR    where local data lives (default .data, or LOCAL_DATA_DIR)
  --temp-data       a fresh temporary data folder, deleted on exit (tests)
  --stream-rate N   stream simulator events per second (default ${DEFAULT_STREAM_RATE}, or LOCAL_STREAM_RATE)
Ports: PORT (3000), LOCAL_ENTRA_PORT (4080, 4443 with --https), LOCAL_ADX_PORT (8080).`;

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      "no-app": { type: "boolean", default: false },
      "no-stream": { type: "boolean", default: false },
      https: { type: "boolean", default: false },
      "data-dir": { type: "string" },
      "temp-data": { type: "boolean", default: false },
      "stream-rate": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const rateText = values["stream-rate"] ?? process.env.LOCAL_STREAM_RATE;
  const rate = rateText === undefined || rateText === "" ? DEFAULT_STREAM_RATE : Number(rateText);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new Error(`The stream rate must be a positive number, got '${rateText}'`);
  return { ...values, rate };
}

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }

  // Signals are handled from the first moment: during the build they abort it, afterwards they stop the children.
  const abortBuild = new AbortController();
  const current: { supervisor?: Supervisor } = {};
  let stopped = false;
  const stopAll = (signal: NodeJS.Signals, why: string = signal) => {
    if (!stopped) console.log(`\nStopping (${why})…`);
    stopped = true;
    abortBuild.abort();
    current.supervisor?.stop(signal);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(signal));
  // `kill <pid of npm>` ends npm (and its shell) without passing the signal on; under npm, a lost parent means
  // nobody can stop us any more. Started directly (Playwright, a terminal), signals arrive as usual.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stopAll("SIGTERM", "npm exited");
    }, 1_000).unref();
  }

  // Same .env files, same precedence as `next start` (@next/env ships with next), so the mode printed here is the
  // mode the app runs in. lib/env is imported afterwards so a bad value prints its message, not a stack trace.
  nextEnv.loadEnvConfig(repoRoot, false, { info: () => {}, error: console.error });
  const { mode, clusterHost } = await import("../lib/env");

  const https = cli.https || process.env.LOCAL_ENTRA_HTTPS === "1";
  const ports = {
    app: parsePort(process.env.PORT, 3000, "PORT"),
    entra: parsePort(process.env.LOCAL_ENTRA_PORT, https ? 4443 : 4080, "LOCAL_ENTRA_PORT"),
    adx: parsePort(process.env.LOCAL_ADX_PORT, 8080, "LOCAL_ADX_PORT"),
  };
  const services: ServiceName[] =
    mode === "connected" ? ["app"] : ["entra", "adx", ...(cli["no-stream"] ? [] : ["stream" as const]), "app"];
  if (cli["no-app"]) services.splice(services.indexOf("app"), 1);
  if (services.length === 0) {
    console.error("Nothing to start: connected mode runs only the app, and --no-app was given.");
    return 2;
  }

  const checks: { service: ServiceName; name: string; port: number; variable: string }[] = [
    { service: "entra", name: "the local identity provider", port: ports.entra, variable: "LOCAL_ENTRA_PORT" },
    { service: "adx", name: "the local ADX engine", port: ports.adx, variable: "LOCAL_ADX_PORT" },
    { service: "app", name: "the console", port: ports.app, variable: "PORT" },
  ];
  for (const check of checks.filter((entry) => services.includes(entry.service))) {
    if (!(await isPortFree(check.port, HOST))) {
      console.error(
        `Port ${check.port} on ${HOST} is already in use, so ${check.name} cannot start.\n` +
          `Stop whatever is listening there (another npm start?) or choose another port: ` +
          `${check.variable}=${check.port + 1} npm start`,
      );
      return 1;
    }
  }

  const dataDir = cli["temp-data"]
    ? await mkdtemp(path.join(tmpdir(), "adx-console-data-"))
    : path.resolve(repoRoot, cli["data-dir"] ?? process.env.LOCAL_DATA_DIR ?? ".data");
  let lock: StartLock | undefined;
  try {
    if (mode === "local") lock = await acquireStartLock(dataDir);
    if (services.includes("app")) {
      try {
        await ensureBuild({ signal: abortBuild.signal });
      } catch (error) {
        if (stopped) return 0;
        throw error;
      }
    }
    if (stopped) return 0;

    const options: StackOptions = {
      root: repoRoot,
      dataDir,
      host: HOST,
      ports,
      services,
      https,
      database: process.env.KUSTO_DATABASE || "Defender",
      stream: { rate: cli.rate },
    };
    const specs = stackSpecs(options);
    const supervisor = supervise([], { nameWidth: Math.max(...specs.map((spec) => spec.name.length)) });
    current.supervisor = supervisor;
    let failed = false;
    startInOrder(supervisor, specs).then(
      (started) => {
        if (started) printReady(options, mode, clusterHost(), cli["temp-data"]);
      },
      (error: unknown) => {
        failed = true;
        console.error(error instanceof Error ? error.message : error);
        supervisor.stop();
      },
    );
    const code = await supervisor.done;
    return failed && code === 0 ? 1 : code;
  } finally {
    await lock?.release();
    if (cli["temp-data"]) await rm(dataDir, { recursive: true, force: true });
  }
}

function printReady(
  options: StackOptions,
  mode: "local" | "connected",
  cluster: string | undefined,
  temporary: boolean,
) {
  const { ports, services } = options;
  const scheme = options.https ? "https" : "http";
  const lines = [""];
  if (services.includes("app")) {
    lines.push(`Defender ADX Console (${mode === "local" ? "local mode" : `connected to ${cluster}`}) is running.`);
    lines.push(`  console           http://${HOST}:${ports.app}`);
  } else lines.push("Local services are running.");
  if (services.includes("entra"))
    lines.push(`  identity provider ${scheme}://${HOST}:${ports.entra}/${TENANT_ID}  (local Entra ID)`);
  if (services.includes("adx"))
    lines.push(`  local ADX         http://${HOST}:${ports.adx}  database ${options.database ?? "Defender"}`);
  if (services.includes("stream"))
    lines.push(
      `  stream            ${options.stream?.rate ?? DEFAULT_STREAM_RATE} events/s into Staging; it waits until you set up Staging in the console`,
    );
  if (mode === "local") {
    const note = temporary ? "temporary, deleted on exit" : "kept across restarts; npm run local-reset wipes it";
    lines.push(`  data              ${options.dataDir}  (${note})`);
    lines.push("", "Sign in as one of the demo users (the local sign-in page lists them):");
    for (const user of DEMO_USERS)
      lines.push(`  ${user.name.padEnd(12)} ${user.upn.padEnd(22)} ${user.roles.join(", ")}`);
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
