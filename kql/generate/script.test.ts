import { describe, expect, it } from "vitest";

import { defenderTables, UnknownTableError } from "@/kql/catalog";
import { PolicyError } from "@/kql/policies/errors";

import { buildSetupScript, renderScript } from "./script";

describe("buildSetupScript", () => {
  it("orders Staging, mapping, retention, batching, then function, table and update policy per table", () => {
    const commands = buildSetupScript({ tables: ["EmailEvents", "AlertInfo"] });
    expect(commands.map((c) => c.id)).toEqual([
      "staging-table:Staging",
      "staging-mapping:StagingMapping",
      "retention:Staging",
      "batching:Staging",
      "function:FilterAlertInfo",
      "table:AlertInfo",
      "update-policy:AlertInfo",
      "function:FilterEmailEvents",
      "table:EmailEvents",
      "update-policy:EmailEvents",
    ]);
    expect(commands[2]?.text).toBe(
      ".alter-merge table Staging policy retention softdelete = 0s recoverability = disabled",
    );
    expect(commands[3]?.text).toMatch(
      /^\.alter table Staging policy ingestionbatching @'\{.*"00:00:30".*500.*1024\}'$/,
    );
  });

  it("covers every catalog table by default, with unique ids", () => {
    const commands = buildSetupScript();
    expect(commands).toHaveLength(4 + 3 * defenderTables.length);
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
    expect(commands.filter((c) => c.kind === "table").map((c) => c.target)).toEqual(defenderTables.map((t) => t.name));
  });

  it("puts the backfill between the table and its update policy when asked", () => {
    const kinds = buildSetupScript({ tables: ["DeviceInfo"], backfill: true }).map((c) => c.kind);
    expect(kinds.slice(4)).toEqual(["function", "table", "backfill", "update-policy"]);
  });

  it("emits each requested table once, in catalog order", () => {
    const targets = buildSetupScript({ tables: ["CloudAppEvents", "DeviceInfo", "CloudAppEvents"] })
      .filter((c) => c.kind === "table")
      .map((c) => c.target);
    expect(targets).toEqual(["DeviceInfo", "CloudAppEvents"]);
  });

  it("uses the given names and policy values", () => {
    const commands = buildSetupScript({
      tables: [],
      stagingTable: "Raw Events",
      mappingName: "RawMap",
      retention: { softDelete: "1d", recoverability: "enabled" },
      batching: { MaximumBatchingTimeSpan: "00:01:00", MaximumNumberOfItems: 1000, MaximumRawDataSizeMB: 2048 },
    });
    expect(commands.map((c) => c.id)).toEqual([
      "staging-table:Raw Events",
      "staging-mapping:RawMap",
      "retention:Raw Events",
      "batching:Raw Events",
    ]);
    expect(commands[1]?.text).toContain(`['Raw Events'] ingestion json mapping "RawMap"`);
    expect(commands[2]?.text).toContain("softdelete = 1d recoverability = enabled");
    expect(commands[3]?.text).toContain('"MaximumNumberOfItems":1000');
  });

  it("rejects unknown tables and out-of-range policies", () => {
    expect(() => buildSetupScript({ tables: ["Nope"] })).toThrow(UnknownTableError);
    expect(() =>
      buildSetupScript({
        batching: { MaximumBatchingTimeSpan: "00:00:05", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 },
      }),
    ).toThrow(PolicyError);
  });
});

describe("renderScript", () => {
  it("separates commands by exactly one blank line and ends with a newline", () => {
    expect(renderScript([{ text: "a" }, { text: "b\nc" }, { text: "d" }])).toBe("a\n\nb\nc\n\nd\n");
    expect(renderScript([])).toBe("");
  });

  it("never produces two blank lines in a row in the full script", () => {
    const text = renderScript(buildSetupScript({ backfill: true }));
    expect(text).not.toMatch(/\n\n\n/);
    expect(text.endsWith("}\n") || text.endsWith("]'\n")).toBe(true);
  });
});
