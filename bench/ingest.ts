/**
 * `npm run bench:ingest [-- --records N --records-per-message M --send-batch B --concurrency C --baseline-only]`
 *
 * Engine: an in-process local ADX engine (auth off, loopback, temp folder) set up with the console's full script
 * (`buildSetupScript`: Staging, mapping, 0 retention, batching, one function + table + transactional update
 * policy per catalog table) through the official azure-kusto-data client. Simulator messages go through the
 * queued intake over HTTP (the Event Hub stand-in), B messages per request in Event Hubs' batch-send form (default
 * 50, about 0.8 MB: what fits a Standard-tier Event Hub's 1 MB batch; `--send-batch 1` posts one message per
 * request); each message is still one item of the batching policy. The clock stops when every record is committed in its typed
 * table. Baseline: the same messages and the same typed tables in a fresh DuckDB file, loaded with the appender
 * and routed by hand-written SQL (one typed `json_transform` per table). Prints `engine_records_per_s`,
 * `baseline_records_per_s` and `ratio`.
 */
import { defenderTables } from "@/kql/catalog";
import { intakeOf } from "@/local/adx/rest/ingest-routes";
import { createEncodedSender, type EncodedRequest, encodeMessages } from "@/local/stream/engine-sink";
import { baselineRun } from "./lib/baseline";
import { benchMessages, DB, typedRows, withSetupEngine } from "./lib/setup-engine";
import { positiveIntArg } from "./lib/args";

const RECORDS = positiveIntArg("records", 200_000);
const PER_MESSAGE = positiveIntArg("records-per-message", 10);
// Messages in flight at once, as an Event Hub data connection reads several partitions in parallel.
const CONCURRENCY = positiveIntArg("concurrency", 8);
// Messages per request. 50 of the default messages (~15 KB each, ~16 KB as escaped JSON strings) make ~0.8 MB: an
// EventDataBatch filled up to a Standard-tier Event Hub's 1 MB limit. 1 = one message per POST (the earlier shape).
const SEND_BATCH = positiveIntArg("send-batch", 50);

async function engineRun(messages: readonly string[]): Promise<{ seconds: number; rows: number }> {
  return withSetupEngine(async (engine, client) => {
    const sinkOptions = {
      engineUrl: engine.url,
      database: DB,
      table: "Staging",
      mappingName: "StagingMapping",
      token: async () => "unused",
    };
    // The producer's work (building and gzipping each request) happens before the clock: in production it runs on
    // the producers' machines, not the cluster's. The engine still gunzips and parses every request on the clock.
    const requests: EncodedRequest[] = [];
    for (let i = 0; i < messages.length; i += SEND_BATCH) {
      const chunk = messages.slice(i, i + SEND_BATCH);
      requests.push(encodeMessages({ gzip: true }, SEND_BATCH === 1 ? "single" : "batch", chunk));
    }
    const send = createEncodedSender(sinkOptions);
    const intake = intakeOf(engine.storage)!;
    const start = performance.now();
    let next = 0;
    const sender = async () => {
      while (next < requests.length) {
        const result = await send(requests[next++]!);
        if (result !== "accepted") throw new Error("the intake refused a message");
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    // When the last message was acknowledged (persisted): from then on the run only waits for batches.
    const acknowledged = (performance.now() - start) / 1000;
    // The last partial batch would wait for the 30 s window; seal it now so the figure measures work, not waiting.
    await intake.flush("Staging");
    const seconds = (performance.now() - start) / 1000;
    const rows = await typedRows(client);
    const firstBody = encodeMessages(
      { gzip: false },
      SEND_BATCH === 1 ? "single" : "batch",
      messages.slice(0, SEND_BATCH),
    );
    const gzipped = requests.reduce((n, r) => n + r.body.length, 0);
    console.log(
      `engine_requests: ${requests.length} (${SEND_BATCH} message(s) per request; the first request body: ${(Buffer.byteLength(firstBody.body) / 1024).toFixed(0)} KB before gzip; ${(gzipped / 1024 / 1024).toFixed(1)} MB gzipped in all)`,
    );
    console.log(`engine_last_ack_s: ${acknowledged.toFixed(2)} (of ${seconds.toFixed(2)})`);
    return { seconds, rows };
  });
}

const messages = benchMessages(RECORDS, PER_MESSAGE);
const bytes = messages.reduce((n, m) => n + Buffer.byteLength(m), 0);
console.log(
  `records: ${RECORDS}, messages: ${messages.length}, raw_mb: ${(bytes / 1024 / 1024).toFixed(1)}, tables: ${defenderTables.length}`,
);

// `--baseline-only` re-measures the baseline alone (the engine figure is then reported as 0).
const engine = process.argv.includes("--baseline-only")
  ? { seconds: Infinity, rows: RECORDS }
  : await engineRun(messages);
console.log(`engine: ${engine.rows} rows in ${engine.seconds.toFixed(2)} s`);
const baseline = await baselineRun(messages);
console.log(`baseline: ${baseline.rows} rows in ${baseline.seconds.toFixed(2)} s`);
if (engine.rows !== RECORDS || baseline.rows !== RECORDS) {
  console.error(
    `row counts differ from the records sent (${RECORDS}): engine ${engine.rows}, baseline ${baseline.rows}`,
  );
  process.exitCode = 1;
}
const engineRate = RECORDS / engine.seconds;
const baselineRate = RECORDS / baseline.seconds;
console.log(`engine_records_per_s: ${Math.round(engineRate)}`);
console.log(`baseline_records_per_s: ${Math.round(baselineRate)}`);
console.log(`ratio: ${(engineRate / baselineRate).toFixed(3)}`);
