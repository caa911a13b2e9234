import { describe, expect, it } from "vitest";

import { buildState, loadFixture } from "@/kql/__fixtures__/build-state.mock";
import type { ClusterState } from "@/kql/state";
import { deriveStagingStatus, type StagingStatus } from "@/kql/status";

const mapping =
  (text: string, kind = "Json") =>
  (s: ClusterState) =>
    void (s.stagingMappings = [{ name: "StagingMapping", kind, mapping: text }]);
const batching = { MaximumBatchingTimeSpan: "00:01:00", MaximumNumberOfItems: 100, MaximumRawDataSizeMB: 512 };

interface Case {
  state: ClusterState;
  status: StagingStatus["status"];
  ok: [table: boolean, mapping: boolean, retention: boolean, batching: boolean];
  /** Substring of the first failing prerequisite's detail (or of the table detail when all pass). */
  detail: string;
}

const cases: Record<string, Case> = {
  "fresh database": {
    state: loadFixture("fresh"),
    status: "not-set-up",
    ok: [false, false, false, false],
    detail: "Table Staging is missing",
  },
  "seed mapping form (path at top level)": {
    state: loadFixture("staging-only"),
    status: "ready",
    ok: [true, true, true, true],
    detail: "Table Staging exists with Raw: dynamic",
  },
  "documented mapping form (Properties.Path)": {
    state: loadFixture("healthy"),
    status: "ready",
    ok: [true, true, true, true],
    detail: "Table Staging exists with Raw: dynamic",
  },
  "mapping keys in other casing": {
    state: buildState({ edit: mapping('[{"Column":"Raw","properties":{"path":" $ "}}]') }),
    status: "ready",
    ok: [true, true, true, true],
    detail: "exists",
  },
  "mapping under another name": {
    state: buildState({ edit: (s) => void (s.stagingMappings[0]!.name = "RawMapping") }),
    status: "partial",
    ok: [true, false, true, true],
    detail:
      "Mapping StagingMapping is missing (Staging has RawMapping, but the data connection references StagingMapping)",
  },
  "csv mapping": {
    state: buildState({ edit: mapping('[{"column":"Raw","Properties":{"Ordinal":"0"}}]', "Csv") }),
    status: "partial",
    ok: [true, false, true, true],
    detail: "Mapping StagingMapping is a Csv mapping; Event Hub messages need a JSON mapping",
  },
  "mapping of records, not the whole message": {
    state: buildState({ edit: mapping('[{"column":"Raw","Properties":{"Path":"$.records"}}]') }),
    status: "partial",
    ok: [true, false, true, true],
    detail: "does not map the whole message ($) to the Raw column",
  },
  "mapping of $ to another column": {
    state: buildState({ edit: mapping('[{"column":"Body","Properties":{"Path":"$"}}]') }),
    status: "partial",
    ok: [true, false, true, true],
    detail: "does not map the whole message ($) to the Raw column",
  },
  "mapping that is not JSON": {
    state: buildState({ edit: mapping("[{column:Raw") }),
    status: "partial",
    ok: [true, false, true, true],
    detail: "Mapping StagingMapping is not valid JSON",
  },
  "no Raw column": {
    state: buildState({ edit: (s) => void (s.tables.Staging!.columns = [{ name: "Body", type: "dynamic" }]) }),
    status: "partial",
    ok: [false, true, true, true],
    detail: "Table Staging has no Raw column",
  },
  "Raw of another type": {
    state: buildState({ edit: (s) => void (s.tables.Staging!.columns = [{ name: "Raw", type: "string" }]) }),
    status: "partial",
    ok: [false, true, true, true],
    detail: "Column Raw of Staging has type string but must be dynamic",
  },
  "Raw as a .NET type name": {
    state: buildState({ edit: (s) => void (s.tables.Staging!.columns = [{ name: "Raw", type: "System.Object" }]) }),
    status: "ready",
    ok: [true, true, true, true],
    detail: "exists",
  },
  "no retention anywhere (ADX default)": {
    state: buildState({
      edit: (s) => {
        s.tables.Staging!.effectiveRetention = null;
        s.staging = { ...s.staging, ownRetention: null };
      },
    }),
    status: "partial",
    ok: [true, true, false, true],
    detail: "Staging keeps raw messages for 365,000 days (ADX's default); soft-delete must be 0",
  },
  "retention of 7 days inherited from the database": {
    state: buildState({
      edit: (s) => {
        s.tables.Staging!.effectiveRetention = { SoftDeletePeriod: "7.00:00:00", Recoverability: "Enabled" };
        s.staging = { ...s.staging, ownRetention: null };
      },
    }),
    status: "partial",
    ok: [true, true, false, true],
    detail: "Staging keeps raw messages for 7 days",
  },
  "own policies not read, effective retention 0": {
    state: buildState({ edit: (s) => void delete s.staging }),
    status: "ready",
    ok: [true, true, true, true],
    detail: "exists",
  },
  "no batching policy at any level": {
    state: buildState({
      edit: (s) => {
        s.tables.Staging!.effectiveBatching = null;
        s.staging = { ...s.staging, ownBatching: null, databaseBatching: null };
      },
    }),
    status: "partial",
    ok: [true, true, true, false],
    detail: "Staging has no ingestion batching policy, so ADX's defaults apply (00:05:00, 500 items, 1024 MB)",
  },
  "batching from the database policy counts as set": {
    state: buildState({
      edit: (s) => {
        s.tables.Staging!.effectiveBatching = null;
        s.staging = { ...s.staging, ownBatching: null, databaseBatching: batching };
      },
    }),
    status: "ready",
    ok: [true, true, true, true],
    detail: "exists",
  },
};

describe("deriveStagingStatus", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const s = deriveStagingStatus(c.state);
      const p = s.prerequisites;
      expect(s.status).toBe(c.status);
      expect([p.table.ok, p.mapping.ok, p.retention.ok, p.batching.ok]).toEqual(c.ok);
      const first = [p.table, p.mapping, p.retention, p.batching].find((x) => !x.ok) ?? p.table;
      expect(first.detail).toContain(c.detail);
      expect(s.reasons).toHaveLength(c.ok.filter((ok) => !ok).length);
    });
  }

  it("says where the batching policy comes from", () => {
    expect(deriveStagingStatus(loadFixture("staging-only")).prerequisites.batching.detail).toBe(
      "Batches are sealed after 00:00:30, 500 items or 1024 MB (its own policy)",
    );
    const fromDb = deriveStagingStatus(cases["batching from the database policy counts as set"]!.state);
    expect(fromDb.batching).toEqual({ policy: batching, source: "database" });
    expect(fromDb.prerequisites.batching.detail).toContain("(the database policy)");
  });

  it("blocks on a Raw column of another type, which the console will not change", () => {
    const s = deriveStagingStatus(cases["Raw of another type"]!.state);
    expect(s.blocked).toEqual([
      "Column Raw of Staging has type string but must be dynamic; the console never changes a column's type " +
        "(that would drop its data). Change or recreate the column yourself, then plan again",
    ]);
  });

  it("uses the configured table and mapping names", () => {
    const state = buildState({
      edit: (s) => {
        s.tables.XdrRaw = { ...s.tables.Staging!, name: "XdrRaw" };
        delete s.tables.Staging;
        s.stagingMappings[0]!.name = "XdrRawMapping";
      },
    });
    expect(deriveStagingStatus(state).status).toBe("not-set-up");
    const named = deriveStagingStatus(state, { stagingTable: "XdrRaw", mappingName: "XdrRawMapping" });
    expect(named).toMatchObject({ status: "ready", table: "XdrRaw", mappingName: "XdrRawMapping", reasons: [] });
  });
});
