/**
 * `npm start`: builds the app when needed, then runs it on 127.0.0.1:${PORT:-3000} until Ctrl-C.
 * The processes are a list so the local services (engine, identity provider, stream simulator) can join it.
 */
import nextEnv from "@next/env";
import { ensureBuild, nextBin, repoRoot } from "./ensure-build";
import { type ChildSpec, isPortFree, parsePort, type Supervisor, supervise, waitForHttp } from "./supervisor";

const HOST = "127.0.0.1";

async function main(): Promise<number> {
  // Signals are handled from the first moment: during the build they abort it, afterwards they stop the children.
  const abortBuild = new AbortController();
  const current: { supervisor?: Supervisor } = {};
  let stopped = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (!stopped) console.log(`\nStopping (${signal})…`);
      stopped = true;
      abortBuild.abort();
      current.supervisor?.stop(signal);
    });
  }

  const port = parsePort(process.env.PORT, 3000, "PORT");
  // Same .env files, same precedence as `next start` (@next/env ships with next), so the mode printed here is the
  // mode the app runs in. lib/env is imported afterwards so a bad value prints its message, not a stack trace.
  nextEnv.loadEnvConfig(repoRoot, false, { info: () => {}, error: console.error });
  const { mode } = await import("../lib/env");

  const ports: { name: string; port: number; variable: string }[] = [{ name: "the console", port, variable: "PORT" }];
  for (const entry of ports) {
    if (!(await isPortFree(entry.port, HOST))) {
      console.error(
        `Port ${entry.port} on ${HOST} is already in use, so ${entry.name} cannot start.\n` +
          `Stop whatever is listening there (another npm start?) or choose a port: ${entry.variable}=${entry.port + 1} npm start`,
      );
      return 1;
    }
  }

  try {
    await ensureBuild({ signal: abortBuild.signal });
  } catch (error) {
    if (stopped) return 0;
    throw error;
  }
  if (stopped) return 0;

  const children: ChildSpec[] = [
    {
      name: "app",
      command: process.execPath,
      args: [nextBin(), "start", "-H", HOST, "-p", String(port)],
      cwd: repoRoot,
      env: { NEXT_TELEMETRY_DISABLED: "1" },
    },
  ];
  const running = supervise(children);
  current.supervisor = running;

  const url = `http://${HOST}:${port}`;
  const alive = () => running.children.every((child) => child.exitCode === null && child.signalCode === null);
  waitForHttp(`${url}/api/health`, 60_000, alive).then(
    () => console.log(`\nDefender ADX Console (${mode} mode) is running at ${url}\nPress Ctrl-C to stop.\n`),
    (error: unknown) => {
      if (!alive() || stopped) return;
      console.error(error instanceof Error ? error.message : error);
      running.stop();
    },
  );

  return running.done;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
