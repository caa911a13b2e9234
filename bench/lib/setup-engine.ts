/**
 * What the ingestion benchmarks share: the generated Defender messages, an in-process local engine (auth off,
 * loopback, temp folder) with the console's full setup applied through the official client, and the count of rows
 * that landed in the typed tables.
 */
import { Client } from "azure-kusto-data";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defenderTables } from "@/kql/catalog";
import { buildSetupScript } from "@/kql/generate/script";
import { type RunningEngine, startEngine } from "@/local/adx/engine";
import { generateMessages } from "@/local/stream";

export const DB = "Defender";

/** `records` records across all catalog tables with equal weight, `perMessage` per message, seed `bench-ingest`. */
export function benchMessages(records: number, perMessage: number): string[] {
  return [
    ...generateMessages({
      count: records,
      seed: "bench-ingest",
      recordsPerMessage: perMessage,
      tables: Object.fromEntries(defenderTables.map((t) => [t.name, 1])),
    }),
  ];
}

/** Runs `fn` against a fresh engine set up with `buildSetupScript()` (82 commands), then closes and removes it. */
export async function withSetupEngine<T>(fn: (engine: RunningEngine, client: Client) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-engine-"));
  const engine = await startEngine({
    host: "127.0.0.1",
    port: 0,
    dataDir: dir,
    log: () => undefined,
    auth: { mode: "off", jwksUrl: "http://127.0.0.1:1/keys", issuer: "none", audiences: [], principals: {} },
  });
  try {
    const client = new Client(engine.url);
    const start = performance.now();
    for (const command of buildSetupScript()) await client.executeMgmt(DB, command.text);
    console.log(`setup_commands: ${buildSetupScript().length} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    return await fn(engine, client);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows in all the catalog's typed tables. */
export async function typedRows(client: Client): Promise<number> {
  let rows = 0;
  for (const t of defenderTables) {
    const r = await client.execute(DB, `${t.name} | count`);
    rows += Number(r.primaryResults[0]!.toJSON<{ Count: number }>().data[0]!.Count);
  }
  return rows;
}
