/**
 * `npm run bench:status [-- --rows N] [--calls N] [--no-build]` (defaults 1,000,000 rows, 20 calls)
 *
 * Stack: the local IdP and the local engine in-process (port 0, temp folders, auth on, default principals), the
 * app's env pointed at both, then the real `GET /api/tables` route handler called with a Request carrying a real
 * admin token from that IdP: guard → On-Behalf-Of → azure-kusto-data → engine, exactly as in production.
 *
 * Printed, one `name: value` line each:
 * - `round_trips_1_table` / `round_trips_26_tables`: the requests the engine logged in `.show commands-and-queries`
 *   for ONE status read, with Staging + 1 table set up, then with all 26 (the console's own apply). Equal by design.
 * - `status_p50_ms` / `status_p95_ms`: the status API with all tables set up and N rows spread over them, written by
 *   direct DuckDB appends in the engine's storage layout with ingestion times in the last hour (so the activity
 *   query counts every one of them), over `--calls` calls after a warm-up.
 * - `tables_first_load_js_kb_gzip`: the gzipped JavaScript `/tables` references in its HTML on `next start`
 *   (builds first when `.next` is missing or stale, unless `--no-build`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tableNames } from "@/kql/catalog";
import { startAuthHarness } from "@/lib/server/testing/auth-harness";
import { DEFAULT_PRINCIPALS } from "@/local/adx/config";
import { startEngine } from "@/local/adx/engine";
import { buildStatus, ensureBuild } from "@/scripts/ensure-build";
import { appendRowsDirectly } from "./lib/direct-load";
import { measureFirstLoadJs } from "./lib/first-load-js";
import { positiveIntArg } from "./lib/args";

const ROWS = positiveIntArg("rows", 1_000_000);
const CALLS = positiveIntArg("calls", 20);
const WARM_UP = 3;
const BUILD = !process.argv.includes("--no-build");
const DB = "Defender";
const LOG = ".show commands-and-queries";

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function engineFigures(): Promise<void> {
  const auth = await startAuthHarness();
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-status-"));
  const engine = await startEngine({
    host: "127.0.0.1",
    port: 0,
    dataDir,
    database: DB,
    log: () => undefined,
    auth: {
      mode: "on",
      jwksUrl: auth.idp.metadata().jwks_uri,
      issuer: auth.idp.issuer(),
      audiences: [],
      principals: DEFAULT_PRINCIPALS,
    },
  });
  try {
    // lib/env reads the environment once, on first import: point it at these two services, in local mode, first.
    Object.assign(process.env, {
      LOCAL_MODE: "1",
      LOCAL_ENTRA_URL: auth.idp.url,
      LOCAL_ADX_URL: engine.url,
      KUSTO_DATABASE: DB,
      KUSTO_STAGING_TABLE: "Staging",
    });
    delete process.env.KUSTO_CLUSTER_URL;
    const { GET } = await import("@/app/api/tables/route");
    const { kustoFor } = await import("@/lib/server/kusto");
    const { applyStaging, applyTables } = await import("@/lib/server/apply");
    const { consoleTarget } = await import("@/lib/server/state/target");

    const admin = kustoFor({ token: auth.tokens.admin });
    const ctx = { executor: admin, target: consoleTarget(), appliedBy: "admin@contoso.local" };
    const statusRead = async () => {
      const res = await GET(
        new Request("http://127.0.0.1:3000/api/tables", { headers: { authorization: `Bearer ${auth.tokens.admin}` } }),
        { params: Promise.resolve({}) },
      );
      if (res.status !== 200) throw new Error(`GET /api/tables answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { tables: { table: string; status: string }[] };
    };
    // The engine's own log, minus the log reads themselves (admins see every request).
    const requests = async () => {
      const log = await admin.executeCommand(DB, LOG);
      const col = (name: string) => log.columns.findIndex((c) => c.name === name);
      const [type, text, duration] = [col("CommandType"), col("Text"), col("Duration")];
      return log.rows
        .filter((r) => !String(r[text]).startsWith(LOG))
        .map((r) => ({ type: String(r[type]), text: String(r[text]), ms: Number(r[duration]) }));
    };
    const requestsOfOneRead = async () => {
      const before = (await requests()).length;
      await statusRead();
      return (await requests()).slice(before);
    };

    // Apply writes one `[audit]` line per table with console.info; keep stdout for the figures.
    const info = console.info;
    console.info = console.error;
    const staged = await applyStaging(ctx);
    if (staged.outcome !== "applied") throw new Error(`Staging: ${staged.message}`);
    const first = await applyTables(ctx, ["DeviceInfo"]);
    if (first.summary.applied !== 1) throw new Error("DeviceInfo could not be set up");
    await statusRead();
    const oneTable = (await requestsOfOneRead()).length;

    const all = await applyTables(ctx, tableNames);
    if (all.summary.failed > 0) throw new Error(`${all.summary.failed} tables failed to set up`);
    const allTables = (await requestsOfOneRead()).length;
    console.info = info;

    const loadStart = performance.now();
    const now = Date.now();
    const loaded = await appendRowsDirectly(engine, {
      tables: tableNames,
      rows: ROWS,
      from: new Date(now - 59 * 60_000),
      to: new Date(now - 1_000),
      extentSeconds: 30,
      maxLagSeconds: 300,
    });
    console.log(
      `rows_loaded: ${loaded} over ${tableNames.length} tables in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (direct DuckDB appends)`,
    );

    for (let i = 0; i < WARM_UP; i++) await statusRead();
    const healthy = (await statusRead()).tables.filter((t) => t.status === "healthy").length;
    // Where the engine spends one read's time (its own Duration per request; they run concurrently).
    const breakdown = (await requestsOfOneRead())
      .map(
        (r) =>
          `${r.type === "Query" ? "activity query" : r.text.split(/\s+/).slice(0, 3).join(" ")} ${r.ms.toFixed(0)}`,
      )
      .join(", ");
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      await statusRead();
      times.push(performance.now() - start);
    }

    console.log(`round_trips_1_table: ${oneTable}`);
    console.log(`round_trips_26_tables: ${allTables}`);
    console.log(`status_tables_healthy: ${healthy} of ${tableNames.length}`);
    console.log(`status_p50_ms: ${percentile(times, 50).toFixed(1)}`);
    console.log(`status_p95_ms: ${percentile(times, 95).toFixed(1)}`);
    console.log(`status_engine_ms_per_request: ${breakdown}`);
  } finally {
    await engine.close();
    await auth.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bundleFigures(): Promise<void> {
  if (BUILD) await ensureBuild({ log: (line) => console.error(line) });
  else {
    const status = await buildStatus();
    if (status.stale) console.error(`--no-build: measuring the existing build, which is stale (${status.reason}).`);
  }
  const load = await measureFirstLoadJs("/tables");
  if (load.status !== 200) throw new Error(`/tables answered ${load.status}`);
  if (load.scripts.length === 0) throw new Error("/tables references no script: is this the production build?");
  // The chunk list goes to stderr: where the kilobytes are, without mixing into the figures.
  for (const script of [...load.scripts].sort((a, b) => b.gzipBytes - a.gzipBytes))
    console.error(`  ${(script.gzipBytes / 1024).toFixed(1).padStart(6)} KB gz  ${script.src}`);
  console.log(`tables_first_load_scripts: ${load.scripts.length}`);
  console.log(`tables_first_load_monaco_scripts: ${load.scripts.filter((s) => s.monaco).length}`);
  console.log(`tables_first_load_js_kb_gzip: ${(load.gzipBytes / 1024).toFixed(1)}`);
}

// --engine-only / --bundle-only: one half, when iterating on it.
if (!process.argv.includes("--bundle-only")) await engineFigures();
if (!process.argv.includes("--engine-only")) await bundleFigures();
