import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { KustoResult } from "@/lib/server/kusto";
import { ingestionFailureRowSchema, parseRows, policyRowSchema, tablesDetailsRowSchema } from "./show-schemas";

const result = (columns: string[], rows: unknown[][]): KustoResult => ({
  columns: columns.map((name) => ({ name, type: "string" })),
  rows,
});

// The tail of `.show ingestion failures` as the docs order it and as the language service orders it (§1.8).
const FAILURE_HEAD = [
  "OperationId",
  "Database",
  "Table",
  "FailedOn",
  "IngestionSourcePath",
  "Details",
  "FailureKind",
  "RootActivityId",
  "OperationKind",
  "OriginatesFromUpdatePolicy",
  "ErrorCode",
];
const DOCS_TAIL = ["Principal", "User", "IngestionProperties", "NumberOfSources", "ShouldRetry"];
const LIB_TAIL = ["Principal", "ShouldRetry", "User", "IngestionProperties"];

describe("parseRows", () => {
  it("matches columns by name, so both documented orders of .show ingestion failures parse alike", () => {
    const values: Record<string, unknown> = {
      OperationId: "3827def6-0000-4000-8000-000000000001",
      Database: "Defender",
      Table: "DeviceInfo",
      FailedOn: new Date("2026-01-05T10:00:00Z"),
      IngestionSourcePath: "",
      Details: "Query schema does not match",
      FailureKind: "Permanent",
      RootActivityId: "r",
      OperationKind: "DataIngestPull",
      OriginatesFromUpdatePolicy: 1,
      ErrorCode: "UpdatePolicy_QuerySchemaDoesNotMatchTableSchema",
      Principal: "aadapp=x",
      User: "",
      IngestionProperties: "",
      NumberOfSources: 1,
      ShouldRetry: "False",
    };
    const parse = (tail: string[]) => {
      const columns = [...FAILURE_HEAD, ...tail];
      return parseRows(
        ingestionFailureRowSchema,
        result(columns, [columns.map((c) => values[c])]),
        ".show ingestion failures",
      );
    };
    const docs = parse(DOCS_TAIL);
    expect(docs).toEqual(parse(LIB_TAIL).map((r) => ({ ...r, NumberOfSources: 1 })));
    expect(docs[0]).toMatchObject({
      FailedOn: "2026-01-05T10:00:00.000Z",
      OriginatesFromUpdatePolicy: true,
      ShouldRetry: false,
    });
  });

  it("fails with the command and the column when a documented column is missing", () => {
    const call = () =>
      parseRows(policyRowSchema, result(["PolicyName", "EntityName", "Policy"], []), ".show table * policy update");
    expect(call).toThrow(AppError);
    expect(call).toThrow(
      expect.objectContaining({
        code: "internal:kusto",
        detail: expect.stringMatching(/\.show table \* policy update returned no ChildEntities column/),
      }),
    );
  });

  it("fails on a value of the wrong type, naming row and column", () => {
    const columns = Object.keys(tablesDetailsRowSchema.shape);
    const row = columns.map((c) =>
      c === "TotalRowCount"
        ? "many"
        : c.endsWith("Time")
          ? null
          : c.startsWith("Total") || c.startsWith("Hot")
            ? 0
            : "",
    );
    expect(() => parseRows(tablesDetailsRowSchema, result(columns, [row]), ".show tables details")).toThrow(
      expect.objectContaining({ detail: expect.stringMatching(/row 1, column TotalRowCount/) }),
    );
  });

  it("ignores extra columns a newer service may append", () => {
    const rows = parseRows(
      policyRowSchema,
      result(
        ["PolicyName", "EntityName", "Policy", "ChildEntities", "EntityType", "New"],
        [["UpdatePolicy", "[Defender].[T]", "null", "", "Table", 1]],
      ),
      "x",
    );
    expect(rows).toEqual([
      {
        PolicyName: "UpdatePolicy",
        EntityName: "[Defender].[T]",
        Policy: "null",
        ChildEntities: "",
        EntityType: "Table",
      },
    ]);
  });
});
