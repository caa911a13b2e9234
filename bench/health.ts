/**
 * `npm run bench:health [-- --rows N]` (default 1,000,000)
 *
 * Engine: an in-process local ADX engine (auth off, loopback, temp folder). Four catalog tables are created with
 * the console's own `.create-merge table` commands; then N simulated rows (N/4 per table) are written DIRECTLY into
 * the engine's storage layout (`"t"."<T>"` + `"$extent_id"` / `"$ingestion_time"`, one extent per table per hour,
 * registered in `meta.extents`), spread over the last 7 days with a 0–300 s lag between each event's Timestamp and
 * its ingestion. Direct DuckDB appends, not ingestion: pushing 1M records through the queued intake takes minutes
 * (see `bench:ingest` for that path) and this bench measures the QUERIES, not ingestion.
 *
 * Measured: the health reads exactly as the route handlers run them (`lib/server/health/read.ts`, through
 * azure-kusto-data and the Kusto REST protocol) for the 7-day range, the heaviest; each read runs 3 times, the
 * median counts. `health_query_max_ms` is the slowest union query (rows, freshness or lag). Baseline: the same
 * aggregations hand-written in DuckDB SQL over the same tables, on the same connection (`baseline_max_ms`).
 * `health_page_requests`: the API requests of one health page load; `health_page_cluster_round_trips`: the
 * requests those handlers send to the cluster (counted by wrapping the executor).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getTable } from "@/kql/catalog";
import { buildCreateMergeTableCommand } from "@/kql/generate/table";
import { HEALTH_PAGE_ENDPOINTS } from "@/lib/schemas/health";
import { readFailures, readFreshness, readLag, readRows, type HealthTarget } from "@/lib/server/health/read";
import { createAdxExecutor } from "@/lib/server/kusto/adx-executor";
import type { KustoExecutor } from "@/lib/server/kusto";
import { startEngine } from "@/local/adx/engine";
import { positiveIntArg } from "./lib/args";

const ROWS = positiveIntArg("rows", 1_000_000);
const RUNS = 3;
const DB = "Defender";
const TABLES = ["DeviceProcessEvents", "DeviceNetworkEvents", "AlertInfo", "EmailEvents"];
const HOURS = 7 * 24;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Counts the round trips a read sends to the cluster. */
function counting(executor: KustoExecutor): { executor: KustoExecutor; count: () => number } {
  let n = 0;
  return {
    executor: {
      executeQuery: (...args) => (n++, executor.executeQuery(...args)),
      executeCommand: (...args) => (n++, executor.executeCommand(...args)),
    },
    count: () => n,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-health-"));
  const engine = await startEngine({
    host: "127.0.0.1",
    port: 0,
    dataDir,
    log: () => undefined,
    auth: { mode: "off", jwksUrl: "http://127.0.0.1:1/keys", issuer: "none", audiences: [], principals: {} },
  });
  try {
    // Auth is off on this loopback engine; the client still needs a token provider.
    const executor = createAdxExecutor({ clusterUrl: engine.url, getToken: async () => "bench" });
    for (const name of TABLES) await executor.executeCommand(DB, buildCreateMergeTableCommand(getTable(name)));

    const now = Date.now();
    const start = new Date(now - HOURS * 3_600_000);
    const perTable = Math.floor(ROWS / TABLES.length);
    const loadStart = performance.now();
    await engine.storage.write(async (tx) => {
      for (const name of TABLES) {
        const t = `"t".${quote(name)}`;
        await tx.db.run(
          `CREATE OR REPLACE TEMP TABLE bench_extents AS SELECT h, gen_random_uuid() AS ext FROM range(${HOURS}) r(h)`,
        );
        // Row i is ingested at start + i·(7 d / perTable) (so about perTable/168 rows per hour-extent) and its event
        // happened 0–300 s earlier.
        await tx.db.run(
          `INSERT INTO ${t} ("Timestamp", "$extent_id", "$ingestion_time")
           SELECT ing - to_microseconds(CAST(floor(random() * 300000000) AS BIGINT)), e.ext, ing
             FROM (SELECT CAST(? AS TIMESTAMP) + to_microseconds(CAST(i * ? AS BIGINT)) AS ing,
                          CAST(floor(i * ? / 3600000000) AS BIGINT) AS h
                     FROM range(?) r(i)) g
             JOIN bench_extents e USING (h)`,
          [start.toISOString(), (HOURS * 3_600_000_000) / perTable, (HOURS * 3_600_000_000) / perTable, perTable],
        );
        await tx.db.run(
          `INSERT INTO meta.extents
           SELECT e.ext, ?, count(*), count(*) * 200, count(*) * 50, CAST(min(r."$ingestion_time") AS TIMESTAMP_NS), ''
             FROM ${t} r JOIN bench_extents e ON r."$extent_id" = e.ext GROUP BY e.ext`,
          [name],
        );
      }
    });
    const [{ n }] = (await engine.storage.query(
      TABLES.map((name) => `SELECT count(*) AS n FROM "t".${quote(name)}`)
        .join(" UNION ALL ")
        .replace(/^/, "SELECT sum(n) AS n FROM (") + ")",
    )) as [{ n: bigint }];
    console.log(
      `rows_loaded: ${Number(n)} in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (direct DuckDB appends)`,
    );

    const target: HealthTarget = { executor, database: DB };
    // Warm-up: the first parse of each query text costs the parser's start-up.
    await Promise.all([readRows(target, "7d"), readFreshness(target), readLag(target, "7d")]);
    const engineMs = {
      rows: await timed(() => readRows(target, "7d")),
      freshness: await timed(() => readFreshness(target)),
      lag: await timed(() => readLag(target, "7d")),
    };

    const from = new Date(now - 7 * 86_400_000).toISOString();
    const to = new Date().toISOString();
    const union = (select: (t: string, name: string) => string) =>
      TABLES.map((name) => select(`"t".${quote(name)}`, name)).join("\nUNION ALL\n");
    const where = `"$ingestion_time" >= CAST($1 AS TIMESTAMP) AND "$ingestion_time" < CAST($2 AS TIMESTAMP)`;
    const baselineSql = {
      rows: union(
        (t, name) =>
          `SELECT '${name}' AS TableName, time_bucket(INTERVAL 60 MINUTE, "$ingestion_time") AS BinStart, count(*) AS Rows FROM ${t} WHERE ${where} GROUP BY ALL`,
      ),
      freshness: union(
        (t, name) =>
          `SELECT '${name}' AS TableName, max("Timestamp") AS LastEventTime, max("$ingestion_time") AS LastIngestionTime FROM ${t} WHERE ${where}`,
      ),
      lag: union(
        (t, name) =>
          `SELECT '${name}' AS TableName, count(*) AS Rows,
                  quantile_disc(epoch_ns("$ingestion_time" - "Timestamp") / 1e9, 0.5) AS MedianSeconds,
                  quantile_disc(epoch_ns("$ingestion_time" - "Timestamp") / 1e9, 0.95) AS P95Seconds
             FROM ${t} WHERE ${where} AND "Timestamp" IS NOT NULL`,
      ),
    };
    for (const sql of Object.values(baselineSql)) await engine.storage.query(sql, [from, to]);
    const baselineMs = {
      rows: await timed(() => engine.storage.query(baselineSql.rows, [from, to])),
      freshness: await timed(() => engine.storage.query(baselineSql.freshness, [from, to])),
      lag: await timed(() => engine.storage.query(baselineSql.lag, [from, to])),
    };

    const counter = counting(executor);
    const page: HealthTarget = { executor: counter.executor, database: DB };
    const reads = {
      rows: () => readRows(page, "1h"),
      freshness: () => readFreshness(page),
      lag: () => readLag(page, "1h"),
      failures: () => readFailures(page, "1h"),
    };
    await Promise.all(HEALTH_PAGE_ENDPOINTS.map((endpoint) => reads[endpoint]()));

    for (const key of Object.keys(engineMs) as (keyof typeof engineMs)[])
      console.log(`${key}_engine_ms: ${engineMs[key].toFixed(1)}  ${key}_baseline_ms: ${baselineMs[key].toFixed(1)}`);
    const engineMax = Math.max(...Object.values(engineMs));
    const baselineMax = Math.max(...Object.values(baselineMs));
    console.log(`health_query_max_ms: ${engineMax.toFixed(1)}`);
    console.log(`baseline_max_ms: ${baselineMax.toFixed(1)}`);
    console.log(`health_ratio: ${(engineMax / baselineMax).toFixed(2)}`);
    console.log(`health_page_requests: ${HEALTH_PAGE_ENDPOINTS.length}`);
    console.log(`health_page_cluster_round_trips: ${counter.count()}`);
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
