/**
 * The JavaScript a page loads on first load, measured on the production build as a browser gets it: `next start`
 * with the local services (`scripts/start-services.ts`, as `npm start` runs them, fresh temp data, free ports),
 * the page's HTML fetched, every script it makes the browser load ({@link pageScripts}) fetched and gzipped with
 * node:zlib (level 9, about what a server's gzip sends). Chunks loaded later (dynamic imports such as Monaco on the
 * table detail page) are not named by the HTML and are not counted.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "@/scripts/ensure-build";
import { stackSpecs, startInOrder } from "@/scripts/start-services";
import { supervise } from "@/scripts/supervisor";

export interface ScriptSize {
  src: string;
  bytes: number;
  gzipBytes: number;
  /** Holds Monaco code (the editor's own marker strings), which `/tables` must not load. */
  monaco: boolean;
}

export interface FirstLoad {
  status: number;
  scripts: ScriptSize[];
  gzipBytes: number;
}

/** A port nothing listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/**
 * Every JavaScript file a current browser loads for an HTML page, in document order, without duplicates: the
 * `<script src>` tags, plus the chunks the inline React Server Components payload names (client components and
 * their boundaries, which the runtime fetches while hydrating; e.g. an `error.tsx` chunk has no script tag).
 * `nomodule` scripts (Next's legacy polyfills) are skipped: browsers with ES modules neither fetch nor run them.
 */
export function pageScripts(html: string): string[] {
  const tags = [...html.matchAll(/<script\b([^>]*)>/gi)].flatMap(([, attributes = ""]) => {
    const src = /\bsrc="([^"]+)"/i.exec(attributes)?.[1]?.replace(/&amp;/g, "&");
    return src ? [{ src, legacy: /\bnomodule\b/i.test(attributes) }] : [];
  });
  const legacy = new Set(tags.filter((t) => t.legacy).map((t) => t.src));
  const named = [...html.matchAll(/\/_next\/static\/[^"'\\\s<>]+?\.js\b/g)].map((m) => m[0]);
  return [...new Set([...tags.filter((t) => !t.legacy).map((t) => t.src), ...named])].filter((src) => !legacy.has(src));
}

/** Measures `pagePath` on the existing build (callers build it first). Stops every process it started. */
export async function measureFirstLoadJs(pagePath: string): Promise<FirstLoad> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-first-load-"));
  const ports = { entra: await freePort(), adx: await freePort(), app: await freePort() };
  const specs = stackSpecs({ root: repoRoot, dataDir, ports, services: ["entra", "adx", "app"] });
  const log: string[] = [];
  const sink = { write: (chunk: string) => (log.push(chunk), true) } as unknown as NodeJS.WritableStream;
  const supervisor = supervise([], { stdout: sink, stderr: sink, graceMs: 5_000 });
  try {
    const started = await startInOrder(supervisor, specs, { timeoutMs: 120_000 }).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log.join("").slice(-2000)}`);
    });
    if (!started) throw new Error(`The local stack stopped while starting:\n${log.join("").slice(-2000)}`);
    const base = `http://127.0.0.1:${ports.app}`;
    const page = await fetch(new URL(pagePath, base));
    const html = await page.text();
    const scripts: ScriptSize[] = [];
    for (const src of pageScripts(html)) {
      const res = await fetch(new URL(src, base));
      if (!res.ok) throw new Error(`${src} answered ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      const text = body.toString("utf8");
      scripts.push({
        src,
        bytes: body.length,
        gzipBytes: gzipSync(body, { level: 9 }).length,
        monaco: /monaco-editor|vs\/editor\/editor\.main|MonacoEnvironment/.test(text),
      });
    }
    return { status: page.status, scripts, gzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0) };
  } finally {
    supervisor.stop();
    await supervisor.done;
    await rm(dataDir, { recursive: true, force: true });
  }
}
