/**
 * `npm run bench:batches [-- --records N --batch-messages M]`: ingestion one batch at a time, the shape of a steady
 * stream where each batch is sealed alone (the console's batching policy seals 500 messages = 5,000 records).
 *
 * Engine: an in-process local engine with the console's full setup (as `bench:ingest`); each batch's messages are
 * queued through the intake in-process (no HTTP: this measures the batches, not the intake), flushed, and awaited
 * before the next. Baseline: the hand-written DuckDB pipeline (`bench/lib/baseline.ts`), one transaction per batch of
 * the same messages. Prints per-batch milliseconds (p50 / p90) and records per second for both, and their ratio.
 */
import { intakeOf } from "@/local/adx/rest/ingest-routes";
import { baselineRun } from "./lib/baseline";
import { benchMessages, typedRows, withSetupEngine } from "./lib/setup-engine";
import { positiveIntArg } from "./lib/args";

const RECORDS = positiveIntArg("records", 200_000);
const BATCH = positiveIntArg("batch-messages", 500);

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function engineBatches(messages: readonly string[]): Promise<{ times: number[]; rows: number }> {
  return withSetupEngine(async (engine, client) => {
    const intake = intakeOf(engine.storage)!;
    const times: number[] = [];
    for (let i = 0; i < messages.length; i += BATCH) {
      const result = await intake.enqueueAll("Staging", "multijson", "StagingMapping", messages.slice(i, i + BATCH));
      if (result.status !== "enqueued") throw new Error("the intake refused the batch");
      const start = performance.now();
      await intake.flush("Staging");
      times.push(performance.now() - start);
    }
    return { times, rows: await typedRows(client) };
  });
}

const messages = benchMessages(RECORDS, 10);
console.log(`records: ${RECORDS}, messages: ${messages.length}, messages per batch: ${BATCH}`);
const engine = await engineBatches(messages);
const sorted = [...engine.times].sort((a, b) => a - b);
const engineSeconds = engine.times.reduce((n, t) => n + t, 0) / 1000;
console.log(`engine: ${engine.rows} rows in ${engine.times.length} batches, ${engineSeconds.toFixed(2)} s ingesting`);
console.log(`engine_batch_ms_p50: ${percentile(sorted, 0.5).toFixed(0)}`);
console.log(`engine_batch_ms_p90: ${percentile(sorted, 0.9).toFixed(0)}`);
const baseline = await baselineRun(messages, BATCH);
console.log(`baseline: ${baseline.rows} rows in ${baseline.seconds.toFixed(2)} s`);
if (engine.rows !== RECORDS || baseline.rows !== RECORDS) {
  console.error(
    `row counts differ from the records sent (${RECORDS}): engine ${engine.rows}, baseline ${baseline.rows}`,
  );
  process.exitCode = 1;
}
const engineRate = RECORDS / engineSeconds;
const baselineRate = RECORDS / baseline.seconds;
console.log(`engine_records_per_s: ${Math.round(engineRate)}`);
console.log(`baseline_records_per_s: ${Math.round(baselineRate)}`);
console.log(`ratio: ${(engineRate / baselineRate).toFixed(3)}`);
