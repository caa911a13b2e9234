import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { FIXTURE_READ_AT, FIXTURES, loadFixture, type FixtureName } from "@/kql/__fixtures__/build-state.mock";
import { emptyClusterState, normalizeColumnType, parseClusterState } from "@/kql/state";

describe("recorded cluster states", () => {
  for (const name of Object.keys(FIXTURES) as FixtureName[]) {
    it(`${name} is a valid, JSON-serialisable ClusterState`, () => {
      const state = loadFixture(name);
      expect(state.readAt).toBe(FIXTURE_READ_AT);
      // Plain records survive the trip to the browser unchanged.
      expect(parseClusterState(JSON.parse(JSON.stringify(state)))).toEqual(state);
      for (const [key, table] of Object.entries(state.tables)) expect(table.name).toBe(key);
      for (const [key, fn] of Object.entries(state.functions)) {
        expect(fn.name).toBe(key);
        // `.show functions` keeps the parentheses and the braces.
        expect(fn.parameters).toMatch(/^\(.*\)$/);
        expect(fn.body.trim()).toMatch(/^\{[\s\S]*\}$/);
      }
    });
  }
});

describe("parseClusterState", () => {
  it("normalises effective policies to ADX's canonical form", () => {
    const state = parseClusterState({
      ...emptyClusterState("2026-03-02T10:00:00Z"),
      tables: {
        Staging: {
          name: "Staging",
          folder: "",
          docString: "",
          columns: [{ name: "Raw", type: "dynamic" }],
          totalRowCount: 0,
          effectiveRetention: { SoftDeletePeriod: "0s", Recoverability: "Disabled" },
          effectiveBatching: { MaximumBatchingTimeSpan: "30s", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 },
        },
      },
    });
    expect(state.tables.Staging?.effectiveRetention?.SoftDeletePeriod).toBe("00:00:00");
    expect(state.tables.Staging?.effectiveBatching?.MaximumBatchingTimeSpan).toBe("00:00:30");
  });

  it("rejects a state that is not one", () => {
    const bad = {
      ...emptyClusterState("2026-03-02T10:00:00Z"),
      activity: { T: { rowsLastHour: -1, lastIngestion: null } },
    };
    expect(() => parseClusterState(bad)).toThrow(ZodError);
    expect(() => parseClusterState({ readAt: "x" })).toThrow(ZodError);
    const badPolicy = {
      ...emptyClusterState("x"),
      updatePolicies: { T: [{ IsEnabled: true, Source: "", Query: "F()" }] },
    };
    expect(() => parseClusterState(badPolicy)).toThrow(/Source must not be empty/);
  });

  it("fills update policy defaults like the policy model does", () => {
    const state = parseClusterState({
      ...emptyClusterState("x"),
      updatePolicies: { T: [{ IsEnabled: true, Source: "Staging", Query: "FilterT()" }] },
    });
    expect(state.updatePolicies.T?.[0]).toMatchObject({ IsTransactional: false, PropagateIngestionProperties: false });
  });
});

describe("normalizeColumnType", () => {
  const cases: Record<string, string> = {
    datetime: "datetime",
    "System.DateTime": "datetime",
    date: "datetime",
    "System.String": "string",
    "System.Int64": "long",
    Long: "long",
    "System.Int32": "int",
    int32: "int",
    "System.Double": "real",
    double: "real",
    "System.SByte": "bool",
    "System.Boolean": "bool",
    boolean: "bool",
    "System.TimeSpan": "timespan",
    time: "timespan",
    "System.Guid": "guid",
    uniqueid: "guid",
    "System.Object": "dynamic",
    "System.Data.SqlTypes.SqlDecimal": "decimal",
    " somethingElse ": "somethingelse",
  };
  for (const [input, expected] of Object.entries(cases)) {
    it(`${JSON.stringify(input)} → ${expected}`, () => expect(normalizeColumnType(input)).toBe(expected));
  }
});
