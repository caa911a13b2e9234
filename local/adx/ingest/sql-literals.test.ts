/** Bound values written into SQL text give the same values and types as binding them. */
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineParams } from "./sql-literals";

describe("inlineParams", () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
  });
  afterAll(() => instance.closeSync());

  it("replaces parameters only outside quoted strings and identifiers", () => {
    const sql = `SELECT $1 AS "x$1", '$2' AS s, a$1, $10 FROM "t$2" WHERE c = CAST($2 AS VARCHAR)`;
    const params = ["it's", "b", 3, 4, 5, 6, 7, 8, 9, 10];
    expect(inlineParams(sql, params)).toBe(
      `SELECT 'it''s' AS "x$1", '$2' AS s, a$1, CAST(10 AS INTEGER) FROM "t$2" WHERE c = CAST('b' AS VARCHAR)`,
    );
    expect(inlineParams("SELECT $2", ["x"])).toBeNull();
    expect(inlineParams("SELECT $1", ["a\u0000b"])).toBeNull();
  });

  it("gives each value the type and value binding gives it", async () => {
    const connection = await instance.connect();
    const values: unknown[] = [
      7,
      -2_147_483_649,
      1.5,
      0.1,
      2 ** 40,
      1.25e-300,
      Number.NaN,
      1234567890123n,
      true,
      "ü'x",
    ];
    for (const value of values) {
      const sql = "SELECT $1 AS x";
      const bound = await connection.runAndReadAll(sql, [value as never]);
      const inlined = await connection.runAndReadAll(inlineParams(sql, [value])!);
      expect(String(inlined.columnType(0)), String(value)).toBe(String(bound.columnType(0)));
      expect(inlined.getRows(), String(value)).toEqual(bound.getRows());
    }
    connection.closeSync();
  });
});
