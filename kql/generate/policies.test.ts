import { describe, expect, it } from "vitest";
import { PolicyError } from "@/kql/policies/errors";
import { KqlNameError } from "@/kql/quote";
import { buildGlobals, diagnosticsOf, nodeType, parseAndAnalyze, type KustoNode } from "@/local/adx/kusto/language";
import {
  buildAlterDatabaseIngestionBatchingCommand,
  buildAlterMergeTableRetentionCommand,
  buildAlterTableIngestionBatchingCommand,
  buildAlterTableRetentionCommand,
  buildDeleteDatabaseIngestionBatchingCommand,
  buildDeleteTableIngestionBatchingCommand,
} from "./policies";

const seedBatching = { MaximumBatchingTimeSpan: "00:00:30", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 };
const seedBatchingJson =
  '{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}';

// [command, expected text, expected CommandKind from Kusto.Language]
const golden: [string, string, string][] = [
  [
    buildAlterMergeTableRetentionCommand("Staging", { softDelete: "0s", recoverability: "disabled" }),
    ".alter-merge table Staging policy retention softdelete = 0s recoverability = disabled",
    "AlterMergeTablePolicyRetention",
  ],
  [
    buildAlterMergeTableRetentionCommand("Staging", { softDelete: "00:00:00" }),
    ".alter-merge table Staging policy retention softdelete = 0s recoverability = disabled",
    "AlterMergeTablePolicyRetention",
  ],
  [
    buildAlterMergeTableRetentionCommand("Staging", { softDelete: "7.00:00:00", recoverability: "enabled" }),
    ".alter-merge table Staging policy retention softdelete = 7d recoverability = enabled",
    "AlterMergeTablePolicyRetention",
  ],
  [
    buildAlterMergeTableRetentionCommand("Staging", { softDelete: "12:00:00" }),
    ".alter-merge table Staging policy retention softdelete = 12h",
    "AlterMergeTablePolicyRetention",
  ],
  [
    buildAlterMergeTableRetentionCommand("Staging", { softDelete: "365000d", recoverability: "disabled" }),
    ".alter-merge table Staging policy retention softdelete = 365000d recoverability = disabled",
    "AlterMergeTablePolicyRetention",
  ],
  [
    buildAlterMergeTableRetentionCommand("Staging", { softDelete: "1.5s" }),
    ".alter-merge table Staging policy retention softdelete = 1500ms",
    "AlterMergeTablePolicyRetention",
  ],
  [
    buildAlterMergeTableRetentionCommand("My Staging", { softDelete: "0s" }),
    ".alter-merge table ['My Staging'] policy retention softdelete = 0s recoverability = disabled",
    "AlterMergeTablePolicyRetention",
  ],
  [
    buildAlterTableRetentionCommand("Staging", { SoftDeletePeriod: "0s", Recoverability: "Disabled" }),
    `.alter table Staging policy retention @'{"SoftDeletePeriod":"00:00:00","Recoverability":"Disabled"}'`,
    "AlterTablePolicyRetention",
  ],
  [
    buildAlterTableRetentionCommand("Staging", { SoftDeletePeriod: "10d", Recoverability: "Enabled" }),
    `.alter table Staging policy retention @'{"SoftDeletePeriod":"10.00:00:00","Recoverability":"Enabled"}'`,
    "AlterTablePolicyRetention",
  ],
  [
    buildAlterTableIngestionBatchingCommand("Staging", seedBatching),
    `.alter table Staging policy ingestionbatching @'${seedBatchingJson}'`,
    "AlterTablePolicyIngestionBatching",
  ],
  [
    buildAlterTableIngestionBatchingCommand("Staging", { ...seedBatching, MaximumBatchingTimeSpan: "30s" }),
    `.alter table Staging policy ingestionbatching @'${seedBatchingJson}'`,
    "AlterTablePolicyIngestionBatching",
  ],
  [
    buildAlterTableIngestionBatchingCommand("My Staging", seedBatching),
    `.alter table ['My Staging'] policy ingestionbatching @'${seedBatchingJson}'`,
    "AlterTablePolicyIngestionBatching",
  ],
  [
    buildAlterDatabaseIngestionBatchingCommand("Defender", {
      MaximumBatchingTimeSpan: "2m",
      MaximumNumberOfItems: 25_000,
      MaximumRawDataSizeMB: 4096,
    }),
    `.alter database Defender policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:02:00","MaximumNumberOfItems":25000,"MaximumRawDataSizeMB":4096}'`,
    "AlterDatabasePolicyIngestionBatching",
  ],
  [
    buildDeleteTableIngestionBatchingCommand("Staging"),
    ".delete table Staging policy ingestionbatching",
    "DeleteTablePolicyIngestionBatching",
  ],
  [
    buildDeleteDatabaseIngestionBatchingCommand("Defender"),
    ".delete database Defender policy ingestionbatching",
    "DeleteDatabasePolicyIngestionBatching",
  ],
];

describe("generated policy commands", () => {
  for (const [command, expected] of golden) {
    it(expected, () => expect(command).toBe(expected));
  }
});

describe("Kusto.Language accepts every generated command", () => {
  const globals = buildGlobals({
    name: "Defender",
    tables: [
      { name: "Staging", columns: [{ name: "Raw", type: "dynamic" }] },
      { name: "My Staging", columns: [{ name: "Raw", type: "dynamic" }] },
    ],
    functions: [],
  });
  const commandKinds = (root: KustoNode): string[] => {
    const kinds: string[] = [];
    root.WalkElements((e: KustoNode) => {
      if (nodeType(e) === "CustomCommand") kinds.push(String(e.CommandKind));
    });
    return kinds;
  };

  for (const [command, , kind] of golden) {
    it(`${kind}: ${command}`, () => {
      const code = parseAndAnalyze(command, globals);
      expect(diagnosticsOf(code)).toEqual([]);
      // An unknown command also has no diagnostics; the command kind proves the parser recognised it.
      expect(commandKinds(code.Syntax)).toEqual([kind]);
    });
  }

  it("the oracle notices an unknown table", () => {
    const code = parseAndAnalyze(buildDeleteTableIngestionBatchingCommand("Nope"), globals);
    expect(diagnosticsOf(code).map((d) => d.code)).toEqual(["KS204"]);
  });
});

describe("builders refuse bad input", () => {
  const policyErrors: [string, () => string, string, string][] = [
    [
      "malformed softdelete",
      () => buildAlterMergeTableRetentionCommand("Staging", { softDelete: "zero" }),
      "softDelete",
      "SoftDeletePeriod must be a timespan",
    ],
    [
      "negative softdelete",
      () => buildAlterMergeTableRetentionCommand("Staging", { softDelete: "-1d" }),
      "softDelete",
      "at least 00:00:00",
    ],
    [
      "softdelete above the max",
      () => buildAlterMergeTableRetentionCommand("Staging", { softDelete: "365001d" }),
      "softDelete",
      "at most 365000.00:00:00 (365,000 days)",
    ],
    [
      "0s with enabled",
      () => buildAlterMergeTableRetentionCommand("Staging", { softDelete: "0s", recoverability: "enabled" }),
      "recoverability",
      "Recoverability must be Disabled when SoftDeletePeriod is 0",
    ],
    [
      "JSON retention 0 with Enabled",
      () => buildAlterTableRetentionCommand("Staging", { SoftDeletePeriod: "0s", Recoverability: "Enabled" }),
      "Recoverability",
      "must be Disabled",
    ],
    [
      "batching time 9 s",
      () => buildAlterTableIngestionBatchingCommand("Staging", { ...seedBatching, MaximumBatchingTimeSpan: "9s" }),
      "MaximumBatchingTimeSpan",
      "MaximumBatchingTimeSpan must be at least 00:00:10 (10 seconds)",
    ],
    [
      "batching time 30 min + 1 s",
      () =>
        buildAlterDatabaseIngestionBatchingCommand("Defender", {
          ...seedBatching,
          MaximumBatchingTimeSpan: "00:30:01",
        }),
      "MaximumBatchingTimeSpan",
      "at most 00:30:00 (30 minutes)",
    ],
    [
      "0 items",
      () => buildAlterTableIngestionBatchingCommand("Staging", { ...seedBatching, MaximumNumberOfItems: 0 }),
      "MaximumNumberOfItems",
      "at least 1 item",
    ],
    [
      "25,001 items",
      () => buildAlterTableIngestionBatchingCommand("Staging", { ...seedBatching, MaximumNumberOfItems: 25_001 }),
      "MaximumNumberOfItems",
      "at most 25,000 items",
    ],
    [
      "99 MB",
      () => buildAlterDatabaseIngestionBatchingCommand("Defender", { ...seedBatching, MaximumRawDataSizeMB: 99 }),
      "MaximumRawDataSizeMB",
      "at least 100 MB",
    ],
    [
      "4,097 MB",
      () => buildAlterTableIngestionBatchingCommand("Staging", { ...seedBatching, MaximumRawDataSizeMB: 4097 }),
      "MaximumRawDataSizeMB",
      "at most 4,096 MB",
    ],
  ];
  for (const [name, build, field, message] of policyErrors) {
    it(`PolicyError on ${name}`, () => {
      let caught: unknown;
      try {
        build();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(PolicyError);
      expect((caught as PolicyError).field).toBe(field);
      expect((caught as PolicyError).message).toContain(message);
    });
  }

  const badNames: [string, () => string][] = [
    ["a second command in a table name", () => buildDeleteTableIngestionBatchingCommand("x; .drop table y")],
    ["a quote in a table name", () => buildAlterTableIngestionBatchingCommand("it's", seedBatching)],
    ["an empty database name", () => buildDeleteDatabaseIngestionBatchingCommand("")],
    ["a newline in a database name", () => buildAlterDatabaseIngestionBatchingCommand("Defender\n.drop", seedBatching)],
    ["a bracket in a retention table", () => buildAlterMergeTableRetentionCommand("['x']", { softDelete: "0s" })],
    [
      "a JSON retention table",
      () => buildAlterTableRetentionCommand("a|b", { SoftDeletePeriod: "1d", Recoverability: "Enabled" }),
    ],
  ];
  for (const [name, build] of badNames) {
    it(`KqlNameError on ${name}`, () => expect(build).toThrow(KqlNameError));
  }
});
