import { describe, expect, it } from "vitest";

import { applyScript } from "@/kql/__fixtures__/apply.mock";
import {
  buildState,
  FIXTURE_TABLES,
  FIXTURES,
  generatedParts,
  loadFixture,
  type FixtureName,
} from "@/kql/__fixtures__/build-state.mock";
import { tableNames } from "@/kql/catalog";
import { buildSetupScript, renderScript } from "@/kql/generate/script";
import { parseUpdatePolicyJson } from "@/kql/policies/update";
import { planScript, planStaging, planTable, type Plan } from "@/kql/plan";
import type { ClusterState } from "@/kql/state";
import { deriveAllStatuses, deriveStagingStatus, deriveTableStatus } from "@/kql/status";

const kinds = (plan: Plan) => plan.steps.map((s) => s.kind);

// Recorded state → the steps planned for AlertInfo / UrlClickEvents and for Staging, with one expected reason each.
const tableCases: Record<FixtureName, { table: string; kinds: string[]; reason?: string; blocked?: string }[]> = {
  fresh: [
    {
      table: "AlertInfo",
      kinds: ["function", "table", "update-policy"],
      reason: "Function FilterAlertInfo is missing",
    },
  ],
  "staging-only": [
    {
      table: "UrlClickEvents",
      kinds: ["function", "table", "update-policy"],
      reason: "Table UrlClickEvents is missing",
    },
  ],
  "partial-function-only": [
    {
      table: "AlertInfo",
      kinds: ["table", "update-policy"],
      reason: "Table AlertInfo has no update policy, so events in Staging never reach it",
    },
  ],
  "drifted-function": [
    {
      table: "AlertInfo",
      kinds: ["function"],
      reason: "Function FilterAlertInfo differs from the generated one: it does not project MachineGroup",
    },
    { table: "UrlClickEvents", kinds: [] },
  ],
  "drifted-schema": [
    {
      table: "AlertInfo",
      kinds: ["table"],
      reason:
        "Column MachineGroup is missing from table AlertInfo; .create-merge adds it without touching existing data",
    },
    {
      table: "UrlClickEvents",
      kinds: [],
      blocked:
        "Column Timestamp has type string in the cluster but datetime in the catalog; the console never changes a " +
        "column's type because that would drop its data. Change or drop the column yourself, then plan again",
    },
    { table: "EmailUrlInfo", kinds: [] },
  ],
  "drifted-update-policy": [
    {
      table: "AlertInfo",
      kinds: ["update-policy"],
      reason:
        "The update policy entry reading Staging with FilterAlertInfo() is not transactional: Staging keeps nothing, " +
        "so ADX requires it, and a failed run would lose the events",
    },
  ],
  healthy: [
    { table: "AlertInfo", kinds: [] },
    { table: "UrlClickEvents", kinds: [] },
  ],
  stale: [{ table: "AlertInfo", kinds: [] }],
  failing: [{ table: "EmailUrlInfo", kinds: [] }],
};

const stagingKinds: Record<FixtureName, string[]> = {
  fresh: ["staging-table", "staging-mapping", "retention", "batching"],
  "staging-only": [],
  "partial-function-only": [],
  "drifted-function": [],
  "drifted-schema": [],
  "drifted-update-policy": [],
  healthy: [],
  stale: [],
  failing: [],
};

describe("planTable over recorded cluster states", () => {
  for (const [fixture, plans] of Object.entries(tableCases) as [FixtureName, (typeof tableCases)[FixtureName]][]) {
    for (const c of plans) {
      it(`${fixture}: ${c.table} → [${c.kinds.join(", ")}]${c.blocked ? " (blocked)" : ""}`, () => {
        const plan = planTable(c.table, loadFixture(fixture));
        expect(plan.table).toBe(c.table);
        expect(kinds(plan)).toEqual(c.kinds);
        if (c.reason) expect(plan.steps.map((s) => s.reason)).toContain(c.reason);
        expect(plan.blocked).toEqual(c.blocked ? [c.blocked] : []);
        for (const step of plan.steps) {
          expect(step.id).toBe(`${step.kind}:${step.target}`);
          expect(step.reason).toMatch(/^[A-Z]/);
        }
      });
    }
  }
});

describe("planStaging over recorded cluster states", () => {
  for (const [fixture, expected] of Object.entries(stagingKinds) as [FixtureName, string[]][]) {
    it(`${fixture} → [${expected.join(", ")}]`, () => {
      const plan = planStaging(loadFixture(fixture));
      expect(kinds(plan)).toEqual(expected);
      expect(plan.table).toBe("Staging");
    });
  }

  it("gives each Staging step its reason and the seed's commands", () => {
    const plan = planStaging(loadFixture("fresh"));
    expect(plan.steps.map((s) => [s.reason, s.text])).toEqual([
      ["Table Staging is missing", ".create-merge table Staging (Raw: dynamic)"],
      [
        "Mapping StagingMapping is missing; the Event Hub data connection ingests through it",
        `.create-or-alter table Staging ingestion json mapping "StagingMapping" '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
      ],
      [
        "Table Staging is missing, so nothing sets its retention to soft-delete 0",
        ".alter-merge table Staging policy retention softdelete = 0s recoverability = disabled",
      ],
      [
        "Table Staging is missing, so it has no ingestion batching policy",
        `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}'`,
      ],
    ]);
  });

  it("plans a wanted batching policy only when it differs", () => {
    const state = loadFixture("staging-only");
    const same = { MaximumBatchingTimeSpan: "30s", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 };
    expect(planStaging(state, { batching: same }).steps).toEqual([]);
    const faster = planStaging(state, { batching: { ...same, MaximumBatchingTimeSpan: "00:00:10" } });
    expect(faster.steps.map((s) => s.reason)).toEqual([
      "The batching policy of Staging differs: MaximumBatchingTimeSpan is 00:00:30 in the cluster but 00:00:10 is wanted",
    ]);
    expect(applyAndReplanStaging(state, { batching: { ...same, MaximumBatchingTimeSpan: "00:00:10" } })).toEqual([]);
  });

  it("fixes a wrong mapping and a retention that keeps data", () => {
    const state = buildState({
      edit: (s) => {
        s.stagingMappings = [
          { name: "StagingMapping", kind: "Json", mapping: '[{"column":"Raw","path":"$.records"}]' },
        ];
        s.tables.Staging!.effectiveRetention = { SoftDeletePeriod: "365000.00:00:00", Recoverability: "Enabled" };
        s.staging = { ...s.staging, ownRetention: null };
      },
    });
    expect(kinds(planStaging(state))).toEqual(["staging-mapping", "retention"]);
    expect(applyAndReplanStaging(state)).toEqual([]);
    expect(deriveStagingStatus(applyScript(state, planScript(planStaging(state).steps))).status).toBe("ready");
  });

  it("is blocked, without steps, when Raw has another type", () => {
    const state = buildState({ edit: (s) => void (s.tables.Staging!.columns = [{ name: "Raw", type: "string" }]) });
    const plan = planStaging(state);
    expect(plan.steps).toEqual([]);
    expect(plan.blocked[0]).toContain("Column Raw of Staging has type string but must be dynamic");
  });
});

function applyAndReplanStaging(state: ClusterState, options = {}) {
  const after = applyScript(state, planScript(planStaging(state, options).steps));
  return planStaging(after, options).steps;
}

/** Applies Staging's plan and then each table's, as the console would, and returns the resulting state. */
function applyAll(state: ClusterState, tables: readonly string[]): ClusterState {
  let next = applyScript(state, planScript(planStaging(state).steps));
  for (const table of tables) next = applyScript(next, planScript(planTable(table, next).steps));
  return next;
}

describe("re-applying changes nothing", () => {
  for (const fixture of Object.keys(FIXTURES) as FixtureName[]) {
    it(`${fixture}: after apply, every plan is empty (blocked ones stay blocked)`, () => {
      const before = loadFixture(fixture);
      const after = applyAll(before, FIXTURE_TABLES);
      expect(planStaging(after).steps).toEqual([]);
      for (const table of FIXTURE_TABLES) {
        const plan = planTable(table, after);
        expect(plan.steps, table).toEqual([]);
        expect(plan.blocked).toEqual(planTable(table, before).blocked);
        if (plan.blocked.length === 0) {
          expect(["waiting", "healthy", "stale", "failing"]).toContain(deriveTableStatus(table, after).status);
        }
      }
      // A second apply of the (empty) plans leaves the state exactly as it was.
      expect(applyAll(after, FIXTURE_TABLES)).toEqual(after);
    });
  }

  it("sets up every catalog table from a fresh database", () => {
    const after = applyAll(loadFixture("fresh"), tableNames);
    const all = deriveAllStatuses(after);
    expect(all.staging.status).toBe("ready");
    expect(all.counts.waiting).toBe(26);
    for (const table of tableNames) expect(planTable(table, after).steps).toEqual([]);
  });

  it("agrees with the downloadable setup script: after running it, nothing is left to plan", () => {
    const script = `.execute database script <|\n${renderScript(buildSetupScript())}`;
    const after = applyScript(loadFixture("fresh"), script);
    expect(planStaging(after).steps).toEqual([]);
    for (const table of tableNames) expect(planTable(table, after).steps, table).toEqual([]);
  });
});

describe("planTable details", () => {
  it("backfills only when it creates the table, between the table and its update policy", () => {
    const fresh = loadFixture("staging-only");
    const plan = planTable("AlertInfo", fresh, { backfill: true });
    expect(kinds(plan)).toEqual(["function", "table", "backfill", "update-policy"]);
    expect(plan.steps[2]?.text).toBe(".set-or-append AlertInfo <| FilterAlertInfo()");
    const merged = loadFixture("drifted-schema");
    expect(kinds(planTable("AlertInfo", merged, { backfill: true }))).toEqual(["table"]);
  });

  it("keeps update policy entries reading other sources", () => {
    const foreign = { ...generatedParts("AlertInfo").policy[0]!, Source: "OtherRaw", Query: "Other()" };
    const state = buildState({
      configure: ["AlertInfo"],
      edit: (s) =>
        void (s.updatePolicies.AlertInfo = [foreign, { ...s.updatePolicies.AlertInfo![0]!, IsEnabled: false }]),
    });
    const [step] = planTable("AlertInfo", state).steps;
    expect(step?.kind).toBe("update-policy");
    expect(step?.reason).toContain("; the entry reading other sources is kept");
    const json = /@'(.*)'$/.exec(step?.text ?? "")?.[1] ?? "";
    const entries = parseUpdatePolicyJson(json.replace(/''/g, "'"));
    expect(entries.map((e) => [e.Source, e.Query, e.IsEnabled])).toEqual([
      ["OtherRaw", "Other()", true],
      ["Staging", "FilterAlertInfo()", true],
    ]);
  });

  it("replaces a second query reading Staging, which would store events twice", () => {
    const state = buildState({
      configure: ["AlertInfo"],
      edit: (s) => s.updatePolicies.AlertInfo!.push({ ...s.updatePolicies.AlertInfo![0]!, Query: "OldFilter()" }),
    });
    const [step] = planTable("AlertInfo", state).steps;
    expect(step?.text).toBe(planTable("AlertInfo", loadFixture("partial-function-only")).steps[1]?.text);
  });

  it("uses the configured Staging table name in function and policy", () => {
    const plan = planTable("AlertInfo", loadFixture("fresh"), { stagingTable: "XdrRaw" });
    expect(plan.steps[0]?.text).toContain("\nXdrRaw\n| mv-expand Raw.records");
    expect(plan.steps[2]?.text).toContain('"Source": "XdrRaw"');
  });
});

describe("planScript", () => {
  it("wraps the commands in one .execute database script, a blank line between them", () => {
    const steps = planTable("AlertInfo", loadFixture("fresh")).steps;
    const script = planScript(steps);
    expect(script.startsWith(".execute database script <|\n.create-or-alter function ")).toBe(true);
    expect(script.endsWith("\n")).toBe(true);
    expect(script.split("\n\n")).toHaveLength(3);
    expect(script).toBe(`.execute database script <|\n${steps.map((s) => s.text).join("\n\n")}\n`);
  });

  it("is empty for an empty plan", () => {
    expect(planScript([])).toBe("");
  });
});
