import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { failuresFrom, functionsFrom, tableOfEntity, updatePoliciesFrom } from "./normalize";
import type { IngestionFailureRow } from "./show-schemas";
import { schemaJsonSchema } from "./show-schemas";

describe("functionsFrom", () => {
  it("reads the local engine's shape and ADX's InputParameters shape alike", () => {
    const doc = schemaJsonSchema.parse({
      Databases: {
        Defender: {
          Tables: {},
          Functions: {
            FilterA: {
              Name: "FilterA",
              Parameters: "()",
              Body: "{Staging | take 1}",
              Folder: "UpdatePolicies",
              DocString: "d",
            },
            F2: {
              Name: "F2",
              InputParameters: [{ Name: "n", Type: "System.Int64", CslType: "long" }],
              Body: "T | take n",
              Folder: null,
            },
          },
        },
      },
    });
    expect(functionsFrom(doc, "defender")).toEqual({
      FilterA: {
        name: "FilterA",
        parameters: "()",
        body: "{Staging | take 1}",
        folder: "UpdatePolicies",
        docString: "d",
      },
      F2: { name: "F2", parameters: "(n:long)", body: "{T | take n}", folder: "", docString: "" },
    });
  });
});

describe("update policies", () => {
  it("keys entries by the target table of EntityName, bracketed or bare, and skips tables without one", () => {
    const policy = JSON.stringify([{ IsEnabled: true, Source: "Staging", Query: "FilterA()", IsTransactional: true }]);
    const rows = [
      {
        PolicyName: "UpdatePolicy",
        EntityName: "[Defender].[A]",
        Policy: policy,
        ChildEntities: "",
        EntityType: "Table",
      },
      {
        PolicyName: "UpdatePolicy",
        EntityName: "[Defender].[Staging]",
        Policy: "null",
        ChildEntities: "",
        EntityType: "Table",
      },
    ];
    expect(Object.keys(updatePoliciesFrom(rows))).toEqual(["A"]);
    expect(tableOfEntity("[Db].[My Table]")).toBe("My Table");
    expect(tableOfEntity("Bare")).toBe("Bare");
  });

  it("refuses an unreadable policy instead of treating it as missing (apply would overwrite it)", () => {
    const rows = [
      {
        PolicyName: "UpdatePolicy",
        EntityName: "[D].[A]",
        Policy: "{not json",
        ChildEntities: "",
        EntityType: "Table",
      },
    ];
    expect(() => updatePoliciesFrom(rows)).toThrow(AppError);
  });
});

describe("failuresFrom", () => {
  const failure = (table: string, at: string, details: string, database = "Defender"): IngestionFailureRow => ({
    OperationId: "",
    Database: database,
    Table: table,
    FailedOn: at,
    IngestionSourcePath: "",
    Details: details,
    FailureKind: "Permanent",
    RootActivityId: "",
    OperationKind: "",
    OriginatesFromUpdatePolicy: true,
    ErrorCode: "",
    Principal: "",
    User: "",
    ShouldRetry: false,
  });
  it("counts the window's failures of this database per table and keeps the latest", () => {
    const since = new Date("2026-01-05T10:00:00Z");
    const out = failuresFrom(
      [
        failure("A", "2026-01-05T10:30:00.000Z", "second"),
        failure("A", "2026-01-05T10:10:00.000Z", "first"),
        failure("A", "2026-01-05T09:00:00.000Z", "too old"),
        failure("A", "2026-01-05T10:40:00.000Z", "other db", "Other"),
      ],
      "Defender",
      since,
    );
    expect(out).toEqual({
      A: {
        count: 2,
        lastFailedOn: "2026-01-05T10:30:00.000Z",
        lastDetails: "second",
        originatesFromUpdatePolicy: true,
      },
    });
  });
});
