import { createServer, type Server } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { isPortFree, parsePort, supervise, waitForHttp } from "./supervisor";

// A child that prints a line, then runs until told to stop; on SIGTERM it says so and exits 0.
const longRunning = (name: string) => ({
  name,
  command: process.execPath,
  args: [
    "-e",
    `console.log("ready"); process.on("SIGTERM", () => { console.log("got SIGTERM"); process.exit(0); }); setInterval(() => {}, 1000);`,
  ],
});

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk) => (text += String(chunk)));
  return { stream, text: () => text };
}

async function until(predicate: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("supervise", () => {
  it("prefixes output, forwards a stop to every child and exits 0", async () => {
    const out = capture();
    const supervisor = supervise([longRunning("app"), longRunning("engine")], { stdout: out.stream });
    await until(() => (out.text().match(/ready/g) ?? []).length === 2);
    supervisor.stop("SIGTERM");
    expect(await supervisor.done).toBe(0);
    expect(out.text()).toContain("app    | ready");
    expect(out.text()).toContain("engine | got SIGTERM");
    expect(supervisor.children.every((child) => child.exitCode === 0)).toBe(true);
  });

  it("stops the others and reports the code when one child dies on its own", async () => {
    const err = capture();
    const crash = { name: "crash", command: process.execPath, args: ["-e", "setTimeout(() => process.exit(3), 200)"] };
    const supervisor = supervise([longRunning("app"), crash], { stderr: err.stream, stdout: new PassThrough() });
    expect(await supervisor.done).toBe(3);
    expect(err.text()).toContain("crash stopped unexpectedly (exit code 3); stopping the others.");
    // Stopped either by its handler or, if the signal beat the handler's installation, by SIGTERM itself.
    const app = supervisor.children[0];
    expect(app?.exitCode === 0 || app?.signalCode === "SIGTERM").toBe(true);
  });

  it("kills a child that ignores the stop signal after the grace period", async () => {
    const stubborn = {
      name: "stubborn",
      command: process.execPath,
      args: ["-e", `process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000);`],
    };
    const out = capture();
    const supervisor = supervise([stubborn], { graceMs: 300, stdout: out.stream });
    await until(() => out.text().includes("ready"));
    supervisor.stop();
    expect(await supervisor.done).toBe(0);
    expect(supervisor.children[0]?.signalCode).toBe("SIGKILL");
  });

  it("reports a command that cannot be spawned", async () => {
    const err = capture();
    const supervisor = supervise([{ name: "missing", command: "/nonexistent/binary", args: [] }], {
      stderr: err.stream,
    });
    expect(await supervisor.done).toBe(1);
    expect(err.text()).toMatch(/missing stopped unexpectedly \(spawn \/nonexistent\/binary ENOENT\)/);
  });
});

describe("isPortFree", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("is false while something listens on the port and true once it is gone", async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || !address) throw new Error("no address");
    expect(await isPortFree(address.port)).toBe(false);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await isPortFree(address.port)).toBe(true);
  });
});

describe("parsePort", () => {
  it("uses the fallback when unset and accepts valid ports", () => {
    expect(parsePort(undefined, 3000, "PORT")).toBe(3000);
    expect(parsePort("", 3000, "PORT")).toBe(3000);
    expect(parsePort("8080", 3000, "PORT")).toBe(8080);
  });

  for (const bad of ["0", "65536", "30.5", "abc", "-1"]) {
    it(`rejects ${bad} with the variable's name`, () => {
      expect(() => parsePort(bad, 3000, "PORT")).toThrow(/^PORT must be a port number between 1 and 65535/);
    });
  }
});

describe("waitForHttp", () => {
  it("gives up with a clear message when nothing answers", async () => {
    await expect(waitForHttp("http://127.0.0.1:9/api/health", { timeoutMs: 600 })).rejects.toThrow(
      "http://127.0.0.1:9/api/health did not answer within 1 s",
    );
  });
});

describe("supervise: services added one by one", () => {
  it("starts added children, settles on stop, and starts nothing after a stop", async () => {
    const out = capture();
    const supervisor = supervise([], { stdout: out.stream, nameWidth: 6 });
    supervisor.add(longRunning("idp"));
    await until(() => out.text().includes("idp    | ready"));
    supervisor.add(longRunning("engine"));
    await until(() => out.text().includes("engine | ready"));
    supervisor.stop();
    expect(supervisor.stopping).toBe(true);
    expect(supervisor.add(longRunning("late"))).toBeUndefined();
    expect(await supervisor.done).toBe(0);
    expect(supervisor.children).toHaveLength(2);
  });

  it("settles at once when stopped before any child was added", async () => {
    const supervisor = supervise([]);
    supervisor.stop();
    expect(await supervisor.done).toBe(0);
  });
});

describe("waitForHttp", () => {
  let server: import("node:http").Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("accepts the statuses it is told to (a listening engine answers 404 to the metadata probe)", async () => {
    const { createServer: createHttpServer } = await import("node:http");
    server = createHttpServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}/v1/rest/auth/metadata`;
    await expect(waitForHttp(url, { timeoutMs: 600 })).rejects.toThrow(/did not answer within/);
    await expect(waitForHttp(url, { timeoutMs: 2_000, accept: (status) => status < 500 })).resolves.toBeUndefined();
  });

  it("stops waiting as soon as the process that should answer is gone", async () => {
    const started = Date.now();
    await expect(waitForHttp("http://127.0.0.1:9/", { timeoutMs: 10_000, isAlive: () => false })).rejects.toThrow(
      "http://127.0.0.1:9/: the process stopped before it answered",
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
