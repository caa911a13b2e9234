/**
 * The benchmarks' baseline for ingestion: the same Defender messages routed into the same typed tables by a
 * hand-written DuckDB pipeline in a fresh DuckDB file — appender into a raw table, one `json_transform` expansion of
 * the records, one typed `json_transform` + `INSERT` per table — with no HTTP, no durable queue and no KQL.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defenderTables, type CatalogTable } from "@/kql/catalog";
import { DUCKDB_TYPES } from "@/local/adx/storage/kusto-types";
import { quoteIdent } from "@/local/adx/storage/sql";

/** Hand-written SQL for one table: typed values from `properties`, the same conversions the functions apply. */
function routeSql(table: CatalogTable): string {
  const struct = `{${table.columns.map((c) => `${JSON.stringify(c.payloadKey)}:"${c.type === "dynamic" ? "JSON" : "VARCHAR"}"`).join(",")}}`;
  const cols = table.columns.map((c, i) => {
    const v = `p.${quoteIdent(`f${i}`)}`;
    switch (c.type) {
      case "string":
        return `COALESCE(${v}, '')`;
      case "datetime":
        return `TRY_CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP_NS)`;
      case "dynamic":
        return v;
      default:
        return `TRY_CAST(${v} AS ${DUCKDB_TYPES[c.type]})`;
    }
  });
  const renamed = table.columns.map((c, i) => `s.${quoteIdent(c.payloadKey)} AS ${quoteIdent(`f${i}`)}`).join(", ");
  return `INSERT INTO ${quoteIdent(table.name)} SELECT ${cols.join(", ")} FROM (
    SELECT ${renamed} FROM (SELECT json_transform(properties, '${struct.replace(/'/g, "''")}') AS s FROM recs WHERE category = '${table.category}')) AS p`;
}

/**
 * Routes `messages` by hand; with `batchSize`, in transactions of that many messages one after the other (the shape
 * of batches sealed one at a time), else in one. Returns the seconds spent and the rows that landed.
 */
export async function baselineRun(
  messages: readonly string[],
  batchSize = messages.length,
): Promise<{ seconds: number; rows: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-ingest-baseline-"));
  const instance = await DuckDBInstance.create(path.join(dir, "baseline.duckdb"), {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const con = await instance.connect();
  try {
    await con.run(`CREATE TABLE staging (Raw JSON)`);
    for (const t of defenderTables) {
      await con.run(
        `CREATE TABLE ${quoteIdent(t.name)} (${t.columns.map((c) => `${quoteIdent(c.name)} ${DUCKDB_TYPES[c.type]}`).join(", ")})`,
      );
    }
    const start = performance.now();
    for (let i = 0; i < messages.length; i += batchSize) {
      await con.run("BEGIN");
      const appender = await con.createAppender("staging");
      for (const m of messages.slice(i, i + batchSize)) {
        appender.appendVarchar(m);
        appender.endRow();
      }
      appender.closeSync();
      await con.run(
        `CREATE OR REPLACE TEMP TABLE recs AS SELECT r.category AS category, r.properties AS properties
           FROM (SELECT unnest(json_transform(Raw, '{"records":[{"category":"VARCHAR","properties":"JSON"}]}').records) AS r FROM staging)`,
      );
      for (const t of defenderTables) await con.run(routeSql(t));
      await con.run("DELETE FROM staging");
      await con.run("COMMIT");
    }
    const seconds = (performance.now() - start) / 1000;
    let rows = 0;
    for (const t of defenderTables) {
      const r = await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(t.name)}`);
      rows += Number(r.getRows()[0]![0]);
    }
    return { seconds, rows };
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
