/**
 * Runs a list of child processes as one unit for `npm start`: output prefixed with each child's name, SIGINT and
 * SIGTERM forwarded to every child, and when one child dies the others are stopped, so nothing is left running.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { readFile } from "node:fs/promises";
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
  /** Resolves with the exit code for this process once a stop was asked for (or forced) and every child has exited. */
  done: Promise<number>;
  /** Asks every child to stop (signal, then SIGKILL after the grace period). */
  stop(signal?: NodeJS.Signals): void;
  /**
   * Starts one more child under the same rules (services start one by one, each after the previous is ready).
   * Returns undefined once stopping: nothing new starts after Ctrl-C.
   */
  add(spec: ChildSpec): ChildProcess | undefined;
  /** True once a stop was asked for, or a child ended on its own. */
  readonly stopping: boolean;
  children: readonly ChildProcess[];
}

export interface SuperviseOptions {
  /** How long children get to exit after the stop signal before SIGKILL. */
  graceMs?: number;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Width of the name column in prefixes; default the longest initial name. */
  nameWidth?: number;
}

/**
 * Starts every child (more can be added later). `done` settles when all have exited after a stop: 0 after a
 * requested stop, otherwise the exit code of the first child that ended on its own (or 1 if killed by a signal).
 */
export function supervise(specs: readonly ChildSpec[], options: SuperviseOptions = {}): Supervisor {
  const { graceMs = 10_000, stdout = process.stdout, stderr = process.stderr } = options;
  const width = options.nameWidth ?? Math.max(0, ...specs.map((spec) => spec.name.length));
  let stopping = false;
  let exitCode = 0;
  let killTimer: NodeJS.Timeout | undefined;
  const live = new Set<ChildProcess>();
  const children: ChildProcess[] = [];
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  const settleIfIdle = () => {
    if (stopping && live.size === 0) {
      clearTimeout(killTimer);
      resolveDone(exitCode);
    }
  };

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
    settleIfIdle();
  };

  const add = (spec: ChildSpec): ChildProcess | undefined => {
    if (stopping) return undefined;
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child);
    children.push(child);
    const prefix = `${spec.name.padEnd(width)} | `;
    prefixLines(child.stdout, prefix, stdout);
    prefixLines(child.stderr, prefix, stderr);
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (!live.delete(child)) return;
      if (!stopping) {
        const how = error ? error.message : signal ? `signal ${signal}` : `exit code ${code}`;
        stderr.write(`${spec.name} stopped unexpectedly (${how}); stopping the others.\n`);
        exitCode = code || 1;
        stop();
      }
      settleIfIdle();
    };
    child.once("error", (error) => finish(null, null, error));
    child.once("exit", (code, signal) => finish(code, signal));
    return child;
  };

  for (const spec of specs) add(spec);

  return {
    done,
    stop,
    add,
    get stopping() {
      return stopping;
    },
    children,
  };
}

/** What a readiness probe accepts. */
export interface WaitOptions {
  timeoutMs?: number;
  /** False once the process that should answer has died: stop waiting. */
  isAlive?: () => boolean;
  /** Which statuses mean "ready"; default 2xx. */
  accept?: (status: number) => boolean;
  /** CA certificate file (PEM) for an https URL served with a locally generated certificate; read per attempt
   * because the service writes it while starting. */
  caFile?: string;
}

/** One GET; resolves with the status, rejects when nothing answers. node:http(s) so a per-call CA can be given. */
function probe(url: URL, ca: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === "https:" ? httpsGet : httpGet;
    const request = get(url, { timeout: 2_000, ...(ca ? { ca } : {}) }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once("timeout", () => request.destroy(new Error("timeout")));
    request.once("error", reject);
  });
}

/**
 * Polls `url` until it answers 2xx (or a status `accept` allows). Rejects after `timeoutMs`, or as soon as
 * `isAlive` turns false.
 */
export async function waitForHttp(url: string, options: WaitOptions = {}): Promise<void> {
  const { timeoutMs = 60_000, isAlive = () => true, accept = (status) => status >= 200 && status < 300 } = options;
  const deadline = Date.now() + timeoutMs;
  const target = new URL(url);
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${url}: the process stopped before it answered`);
    try {
      const ca = options.caFile ? await readFile(options.caFile, "utf8") : undefined;
      if (accept(await probe(target, ca))) return;
    } catch {
      // Not listening yet (or its CA not written yet).
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
