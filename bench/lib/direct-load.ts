/**
 * Loads simulated rows straight into a local engine's storage layout (`"t"."<T>"` + `"$extent_id"` /
 * `"$ingestion_time"`, extents registered in `meta.extents`), the way `bench/health.ts` does, for benches that
 * measure reads: pushing a million records through the queued intake takes minutes (`bench:ingest` measures that).
 *
 * Unlike a plain `Timestamp`-only insert, every column of the table gets a value the engine could have written:
 * strings `''` (Kusto strings are never null), other columns null, `Timestamp` the ingestion time minus a random
 * lag. Every extent has ONE ingestion time shared by its rows, as the engine's own ingestion writes them.
 */
import type { RunningEngine } from "@/local/adx/engine";

export interface DirectLoadOptions {
  /** Kusto tables that already exist in the engine (created with the console's own commands). */
  tables: readonly string[];
  /** Total rows, spread as evenly as possible over `tables`. */
  rows: number;
  /** Ingestion times run from `from` to `to`, one extent per table every `extentSeconds`. */
  from: Date;
  to: Date;
  extentSeconds: number;
  /** Each event happened 0..maxLagSeconds before its ingestion. */
  maxLagSeconds: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Appends the rows in one storage write; returns how many rows the tables hold afterwards. */
export async function appendRowsDirectly(engine: RunningEngine, options: DirectLoadOptions): Promise<number> {
  const { tables, rows, from, to, extentSeconds, maxLagSeconds } = options;
  // Numbers are written into the SQL text below: only integers get there.
  for (const [key, value] of Object.entries({ rows, extentSeconds, maxLagSeconds }))
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${key} must be a non-negative integer`);
  if (tables.length === 0 || to <= from) throw new Error("Nothing to load: no tables or an empty time range.");
  const spanMicros = to.getTime() * 1000 - from.getTime() * 1000;
  const extents = Math.max(1, Math.floor(spanMicros / (extentSeconds * 1_000_000)));
  const stepMicros = Math.floor(spanMicros / extents);
  await engine.storage.write(async (tx) => {
    for (const [index, name] of tables.entries()) {
      const table = engine.storage.catalog.tables.get(name);
      if (!table) throw new Error(`${name} does not exist in the engine; create it before loading rows.`);
      const perTable = Math.floor(rows / tables.length) + (index < rows % tables.length ? 1 : 0);
      const values = table.columns.map((c) =>
        c.name === "Timestamp" && c.type === "datetime"
          ? `CAST(x.ing - to_microseconds(CAST(floor(random() * ${maxLagSeconds * 1_000_000}) AS BIGINT)) AS TIMESTAMP_NS)`
          : c.type === "string"
            ? "''"
            : "NULL",
      );
      const t = `"t".${quote(name)}`;
      await tx.db.run(
        `CREATE OR REPLACE TEMP TABLE bench_extents AS
         SELECT e, gen_random_uuid() AS ext,
                CAST(CAST(? AS TIMESTAMP) + to_microseconds(e * ${stepMicros}) AS TIMESTAMP_NS) AS ing
           FROM range(${extents}) r(e)`,
        [from.toISOString()],
      );
      await tx.db.run(
        `INSERT INTO ${t} (${[...table.columns.map((c) => quote(c.name)), '"$extent_id"', '"$ingestion_time"'].join(", ")})
         SELECT ${[...values, "x.ext", "x.ing"].join(", ")}
           FROM range(${perTable}) r(i) JOIN bench_extents x ON x.e = i % ${extents}`,
      );
      await tx.db.run(
        `INSERT INTO meta.extents
         SELECT x.ext, ?, count(*), count(*) * 200, count(*) * 50, x.ing, ''
           FROM ${t} r JOIN bench_extents x ON r."$extent_id" = x.ext GROUP BY x.ext, x.ing`,
        [name],
      );
    }
  });
  const counts = (await engine.storage.query(
    tables.map((name) => `SELECT count(*) AS n FROM "t".${quote(name)}`).join(" UNION ALL "),
  )) as { n: bigint }[];
  return counts.reduce((sum, { n }) => sum + Number(n), 0);
}
