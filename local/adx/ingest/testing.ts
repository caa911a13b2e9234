/** Helpers shared by the ingestion tests (HTTP through the official clients and the engine sink). */
import type { Client } from "azure-kusto-data";
import { appClaims, DB, type Harness, mgmt, primary, STREAM_APP } from "../testing/harness";
import { intakeOf } from "../rest/ingest-routes";
import type { Intake } from "./intake";
import { createEngineSink } from "@/local/stream/engine-sink";
import type { Sink } from "@/local/stream/sink";

/** Rows of a query's primary result. */
export async function queryRows(client: Client, query: string): Promise<unknown[][]> {
  return primary((await client.execute(DB, query)) as never).rows;
}

/** The one value of a single-cell query. */
export async function scalar(client: Client, query: string): Promise<unknown> {
  return (await queryRows(client, query))[0]?.[0];
}

/** The running intake of the harness's engine. */
export function intake(h: Harness): Intake {
  const i = intakeOf(h.engine.storage);
  if (!i) throw new Error("the engine has no intake");
  return i;
}

/** The engine sink as the stream simulator's app would use it (ingestor token). */
export async function streamSink(h: Harness, table = "Staging", mappingName = "StagingMapping"): Promise<Sink> {
  const token = await h.token(appClaims(STREAM_APP));
  return createEngineSink({ engineUrl: h.engine.url, database: DB, table, mappingName, token: async () => token });
}

/** One Defender record in the Event Hub envelope. */
export function record(table: string, properties: Record<string, unknown>, time = "2026-01-05T10:00:00.1234567Z") {
  return {
    time,
    tenantId: "7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01",
    operationName: "Publish",
    category: `AdvancedHunting-${table}`,
    properties,
  };
}

/** An Event Hub message text. */
export function message(...records: object[]): string {
  return JSON.stringify({ records });
}

/** Creates Staging (`Raw: dynamic`) and its mapping `StagingMapping` (`$` → Raw), as the seed article does. */
export async function createStaging(h: Harness): Promise<void> {
  await mgmt(h.admin, ".create table Staging (Raw: dynamic)");
  await mgmt(h.admin, `.create table Staging ingestion json mapping 'StagingMapping' '[{"column":"Raw","path":"$"}]'`);
}
