/**
 * Test harness: an in-memory DuckDB with Kusto tables in the engine's storage layout (`"t"."<T>"`, system columns
 * last), the real analyzer, and the real compiler + executor.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

import { buildGlobals, parseAndAnalyze, type SchemaColumn } from "@/local/adx/kusto/language";

import { compileQuery, executeCompiled, type CompiledQuery } from "../index";
import { duckType, type KustoType } from "../types";
import type { CompileContext } from "../context";

export interface TableFixture {
  name: string;
  columns: SchemaColumn[];
  /** Cells as JSON-ish values: dynamic cells are JS values (stringified), datetimes ISO text, timespans ticks. */
  rows: unknown[][];
  ingestionTime?: string;
}

export interface FunctionFixture {
  name: string;
  parameters: string;
  body: string;
}

export interface Harness {
  connection: DuckDBConnection;
  compile(
    kql: string,
    parameters?: Record<string, unknown>,
    options?: Pick<CompileContext, "keepIngestionTime">,
  ): CompiledQuery;
  run(
    kql: string,
    parameters?: Record<string, unknown>,
  ): Promise<{ compiled: CompiledQuery; columns: { name: string; type: string }[]; rows: unknown[][] }>;
  close(): void;
}

export const FIXED_NOW = new Date("2024-06-01T12:00:00.000Z");

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function createHarness(tables: TableFixture[], functions: FunctionFixture[] = []): Promise<Harness> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`CREATE SCHEMA "t"`);
  for (const table of tables) {
    const cols = table.columns.map((c) => `${q(c.name)} ${duckType(c.type as KustoType)}`);
    await connection.run(
      `CREATE TABLE "t".${q(table.name)} (${[...cols, `"$extent_id" UUID`, `"$ingestion_time" TIMESTAMP_NS`].join(", ")})`,
    );
    for (const row of table.rows) {
      const values: string[] = [];
      const placeholders = table.columns.map((c, i) => {
        const v = row[i];
        if (v === null || v === undefined) return "NULL";
        // A string in a dynamic column is raw JSON text (keeps 18-digit numbers exact).
        values.push(c.type === "dynamic" && typeof v !== "string" ? JSON.stringify(v) : String(v));
        return `CAST($${values.length} AS ${duckType(c.type as KustoType)})`;
      });
      values.push(table.ingestionTime ?? "2024-06-01T11:00:00.1234567Z");
      placeholders.push("gen_random_uuid()", `CAST($${values.length} AS TIMESTAMP_NS)`);
      await connection.run(`INSERT INTO "t".${q(table.name)} VALUES (${placeholders.join(", ")})`, values);
    }
  }
  const globals = buildGlobals({ name: "db", tables, functions });
  const byName = new Map(functions.map((f) => [f.name, f]));
  const compile = (
    kql: string,
    parameters: Record<string, unknown> = {},
    options: Pick<CompileContext, "keepIngestionTime"> = {},
  ) =>
    compileQuery(parseAndAnalyze(kql, globals), {
      tableSource: (name) => `"t".${q(name)}`,
      functionDefinition: (name) => byName.get(name),
      parameters,
      now: FIXED_NOW,
      ...options,
    });
  return {
    connection,
    compile,
    async run(kql, parameters) {
      const compiled = compile(kql, parameters);
      const result = await executeCompiled(connection, compiled);
      return { compiled, ...result };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
