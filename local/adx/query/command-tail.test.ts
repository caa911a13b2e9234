/** A control command's result as the input of query operators (`CompileContext.commandSource`), on DuckDB. */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildGlobals, parseAndAnalyze } from "@/local/adx/kusto/language";

import { FIXED_NOW } from "./__fixtures__/harness";
import { compileQuery, executeCompiled, QueryError, type CompileContext } from "./index";

const globals = buildGlobals({
  name: "db",
  tables: [{ name: "T", columns: [{ name: "a", type: "string" }] }],
  functions: [],
});

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
  await connection.run(
    `CREATE TABLE cmd AS SELECT * FROM (VALUES ('A', 'Defender', 'UpdatePolicies', ''), ('B', 'Defender', '', 'doc'), ('C', 'Defender', 'UpdatePolicies', '')) v("TableName", "DatabaseName", "Folder", "DocString")`,
  );
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

const seen: string[] = [];
const ctx = (withSource: boolean): CompileContext => ({
  tableSource: (name) => `"t"."${name}"`,
  functionDefinition: () => undefined,
  parameters: {},
  now: FIXED_NOW,
  ...(withSource
    ? {
        commandSource: (text: string) => {
          seen.push(text);
          return `"cmd"`;
        },
      }
    : {}),
});

describe("command tails", () => {
  it("compiles the operators over the engine's relation for the command, with the declared columns", async () => {
    const compiled = compileQuery(
      parseAndAnalyze(
        '.show tables | where Folder == "UpdatePolicies" | project TableName | order by TableName desc',
        globals,
      ),
      ctx(true),
    );
    expect(compiled.sql).toContain('SELECT "TableName", "DatabaseName", "Folder", "DocString" FROM "cmd"');
    expect(compiled.columns).toEqual([{ name: "TableName", type: "string" }]);
    expect(seen.at(-1)).toMatch(/^\.show\s*tables$/);
    const result = await executeCompiled(connection, compiled);
    expect(result.rows).toEqual([["C"], ["A"]]);
  });

  it("is refused without a command source, and diagnostics of the operators still count", () => {
    expect(() => compileQuery(parseAndAnalyze(".show tables | count", globals), ctx(false))).toThrow(
      /A control command in a query request is not supported/,
    );
    try {
      compileQuery(parseAndAnalyze(".show tables | where Nope == 1", globals), ctx(true));
      throw new Error("compiled");
    } catch (e) {
      expect(e).toBeInstanceOf(QueryError);
      expect(e).toMatchObject({ code: "KS142", start: 21 });
    }
  });

  it("leaves errors inside the command part to the command's handler", () => {
    const compiled = compileQuery(
      parseAndAnalyze(".show table Nope policy update | project Policy", globals),
      ctx(true),
    );
    expect(compiled.columns).toEqual([{ name: "Policy", type: "string" }]);
  });
});
