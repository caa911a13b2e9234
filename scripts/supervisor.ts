/**
 * Runs a list of child processes as one unit for `npm start`: output prefixed with each child's name, SIGINT and
 * SIGTERM forwarded to every child, and when one child dies the others are stopped, so nothing is left running.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";

export interface ChildSpec {
  /** Short label used as the output prefix, e.g. "app". */
  name: string;
  command: string;
  args: readonly string[];
  env?: Record<string, string>;
  cwd?: string;
}

/** Resolves true when `port` can be bound on `host`, false when something already listens there. */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Parses a port from the environment; throws a readable message for anything but an integer in 1..65535. */
export function parsePort(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number between 1 and 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

function prefixLines(stream: NodeJS.ReadableStream | null, prefix: string, out: NodeJS.WritableStream) {
  if (!stream) return;
  createInterface({ input: stream }).on("line", (line) => out.write(`${prefix}${line}\n`));
}

export interface Supervisor {
  /** Resolves with the exit code for this process once every child has exited. */
  done: Promise<number>;
  /** Asks every child to stop (signal, then SIGKILL after the grace period). */
  stop(signal?: NodeJS.Signals): void;
  children: readonly ChildProcess[];
}

/**
 * Starts every child. The returned `done` settles when all have exited: 0 after a requested stop, otherwise the
 * exit code of the first child that ended on its own (or 1 if it was killed by a signal).
 */
export interface SuperviseOptions {
  /** How long children get to exit after the stop signal before SIGKILL. */
  graceMs?: number;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export function supervise(specs: readonly ChildSpec[], options: SuperviseOptions = {}): Supervisor {
  const { graceMs = 10_000, stdout = process.stdout, stderr = process.stderr } = options;
  const width = Math.max(...specs.map((spec) => spec.name.length));
  let stopping = false;
  let exitCode = 0;
  let killTimer: NodeJS.Timeout | undefined;
  const live = new Set<ChildProcess>();

  const children = specs.map((spec) => {
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child);
    const prefix = `${spec.name.padEnd(width)} | `;
    prefixLines(child.stdout, prefix, stdout);
    prefixLines(child.stderr, prefix, stderr);
    return { spec, child };
  });

  const stop = (signal: NodeJS.Signals = "SIGTERM") => {
    if (stopping) {
      // A second Ctrl-C means "now".
      for (const child of live) child.kill("SIGKILL");
      return;
    }
    stopping = true;
    for (const child of live) child.kill(signal);
    killTimer = setTimeout(() => {
      for (const child of live) child.kill("SIGKILL");
    }, graceMs);
    killTimer.unref();
  };

  const done = new Promise<number>((resolve) => {
    for (const { spec, child } of children) {
      const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
        if (!live.delete(child)) return;
        if (!stopping) {
          const how = error ? error.message : signal ? `signal ${signal}` : `exit code ${code}`;
          stderr.write(`${spec.name} stopped unexpectedly (${how}); stopping the others.\n`);
          exitCode = code || 1;
          stop();
        }
        if (live.size === 0) {
          clearTimeout(killTimer);
          resolve(exitCode);
        }
      };
      child.once("error", (error) => finish(null, null, error));
      child.once("exit", (code, signal) => finish(code, signal));
    }
  });

  return { done, stop, children: children.map(({ child }) => child) };
}

/** Polls `url` until it answers 2xx, or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 60_000, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
