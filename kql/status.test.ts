import { describe, expect, it } from "vitest";

import { buildState, generatedParts } from "@/kql/__fixtures__/build-state.mock";
import { UnknownTableError } from "@/kql/catalog";
import type { ClusterState } from "@/kql/state";
import { deriveTableStatus, normalizeFunctionBody, normalizePolicyQuery, type StatusOptions } from "@/kql/status";

const T = "AlertInfo";
const configured = (edit?: (s: ClusterState) => void) => buildState({ configure: [T, "EmailUrlInfo"], edit });
const flowingOther = { EmailUrlInfo: { rowsLastHour: 50, lastIngestion: "2026-03-02 09:59:00" } };

interface Case {
  state: ClusterState;
  options?: StatusOptions;
  status: string;
  /** Substring expected in one of the reasons. */
  reason: string;
}

// Variations the recorded states do not cover, derived with buildState().
const cases: Record<string, Case> = {
  "a function with parameters is drifted": {
    state: configured((s) => void (s.functions.FilterAlertInfo!.parameters = "(since: datetime)")),
    status: "drifted",
    reason: "Function FilterAlertInfo takes parameters (since: datetime), but the update policy calls it without any",
  },
  "a function converting a column differently is drifted": {
    state: configured((s) => {
      const fn = s.functions.FilterAlertInfo!;
      fn.body = fn.body.replace("todatetime(Properties.Timestamp)", "todatetime(Properties.time)");
    }),
    status: "drifted",
    reason: 'it computes Timestamp as "todatetime(Properties.time)" instead of "todatetime(Properties.Timestamp)"',
  },
  "a function reading another table is drifted": {
    state: configured((s) => {
      const fn = s.functions.FilterAlertInfo!;
      fn.body = fn.body.replace("Staging\n", "XdrRaw\n");
    }),
    status: "drifted",
    reason: 'line 1 is "XdrRaw" in the cluster but "Staging" in the generated function',
  },
  "a function projecting an extra column is drifted": {
    state: configured((s) => {
      const fn = s.functions.FilterAlertInfo!;
      fn.body = fn.body.replace("\n}", ",\n          TenantId=tostring(Properties.TenantId)\n}");
    }),
    status: "drifted",
    reason: "it projects TenantId, which the catalog does not have",
  },
  "a disabled entry is drifted": {
    state: configured((s) => void (s.updatePolicies[T]![0]!.IsEnabled = false)),
    status: "drifted",
    reason: "is disabled, so no events reach AlertInfo",
  },
  "a duplicate entry is drifted": {
    state: configured((s) => s.updatePolicies[T]!.push({ ...s.updatePolicies[T]![0]! })),
    status: "drifted",
    reason: "has 2 entries reading Staging with FilterAlertInfo(), so every event would be stored 2 times",
  },
  "another query reading Staging beside ours is drifted": {
    state: configured((s) =>
      s.updatePolicies[T]!.push({ ...s.updatePolicies[T]![0]!, Query: "Staging | take 0 | project-away Raw" }),
    ),
    status: "drifted",
    reason: "also reads Staging with Staging | take 0 | project-away Raw",
  },
  "a policy with only another source is drifted": {
    state: configured(
      (s) => void (s.updatePolicies[T] = [{ ...generatedParts(T).policy[0]!, Source: "OtherRaw", Query: "Other()" }]),
    ),
    status: "drifted",
    reason: "has no entry reading Staging with FilterAlertInfo() (it has: OtherRaw with Other())",
  },
  "an entry from another source beside ours is fine": {
    state: configured((s) => s.updatePolicies[T]!.push({ ...s.updatePolicies[T]![0]!, Source: "OtherRaw" })),
    status: "waiting",
    reason: "waiting for its first rows",
  },
  "a bracketed query is the same query": {
    state: configured((s) => void (s.updatePolicies[T]![0]!.Query = " ['FilterAlertInfo']( ) ")),
    status: "waiting",
    reason: "waiting for its first rows",
  },
  "a renamed Staging table is honoured": {
    state: buildState({
      configure: [T],
      edit: (s) => {
        const parts = generatedParts(T, "XdrRaw");
        s.functions.FilterAlertInfo = parts.fn;
        s.updatePolicies[T] = parts.policy;
      },
    }),
    options: { stagingTable: "XdrRaw" },
    status: "waiting",
    reason: "waiting for its first rows",
  },
  "the default Staging name sees a renamed setup as drifted": {
    state: buildState({ configure: [T], edit: (s) => void (s.updatePolicies[T] = generatedParts(T, "XdrRaw").policy) }),
    status: "drifted",
    reason: "has no entry reading Staging with FilterAlertInfo()",
  },
  ".NET type names match Kusto types": {
    state: configured((s) => {
      const types: Record<string, string> = { datetime: "System.DateTime", string: "System.String" };
      s.tables[T]!.columns = s.tables[T]!.columns.map((c) => ({ ...c, type: types[c.type] ?? c.type }));
    }),
    status: "waiting",
    reason: "waiting for its first rows",
  },
  "partial names every missing part": {
    state: buildState({ edit: (s) => void (s.tables[T] = generatedParts(T).table) }),
    status: "partial",
    reason: "Function FilterAlertInfo is missing",
  },
  "partial also reports drift of the parts that exist": {
    state: configured((s) => {
      delete s.updatePolicies[T];
      s.tables[T]!.columns.pop();
    }),
    status: "partial",
    reason: "Column MachineGroup is missing from table AlertInfo",
  },
  "configured without any rows yet is waiting": {
    state: configured(),
    status: "waiting",
    reason: "waiting for its first rows",
  },
  "no rows but under the stale threshold is waiting": {
    state: buildState({
      configure: [T, "EmailUrlInfo"],
      activity: { ...flowingOther, [T]: { rowsLastHour: 0, lastIngestion: "2026-03-02 08:30:00" } },
    }),
    options: { staleAfterMinutes: 120 },
    status: "waiting",
    reason: "the last arrived 90 minutes ago (stale after 120)",
  },
  "over the threshold while another table flows is stale": {
    state: buildState({
      configure: [T, "EmailUrlInfo"],
      activity: { ...flowingOther, [T]: { rowsLastHour: 0, lastIngestion: "2026-03-02 08:30:00" } },
    }),
    options: { staleAfterMinutes: 60 },
    status: "stale",
    reason: "No rows for 90 minutes while 1 other table receives data",
  },
  "over the threshold while nothing flows is waiting, not stale": {
    state: buildState({
      configure: [T, "EmailUrlInfo"],
      activity: { [T]: { rowsLastHour: 0, lastIngestion: "2026-03-02 08:30:00" } },
    }),
    status: "waiting",
    reason: "no other table received rows in the last hour either",
  },
  "rows in the table but no activity read while others flow is stale": {
    state: buildState({
      configure: [T, "EmailUrlInfo"],
      activity: flowingOther,
      edit: (s) => void (s.tables[T]!.totalRowCount = 1000),
    }),
    status: "stale",
    reason: "No rows for over an hour while 1 other table receives data",
  },
  "a failure inside a wider window makes it failing": {
    state: buildState({
      configure: [T],
      activity: { [T]: { rowsLastHour: 10, lastIngestion: "2026-03-02 09:59:00" } },
      failures: {
        [T]: { count: 1, lastFailedOn: "2026-03-02 07:00:00", lastDetails: "", originatesFromUpdatePolicy: false },
      },
    }),
    options: { failureWindowMinutes: 240 },
    status: "failing",
    reason: "1 ingestion failure in the last 240 minutes (latest at 2026-03-02 07:00:00: no details)",
  },
  "a drifted table with failures stays drifted and says so": {
    state: configured((s) => {
      s.tables[T]!.columns.pop();
      s.failures[T] = {
        count: 3,
        lastFailedOn: "2026-03-02 09:50:00",
        lastDetails: "x",
        originatesFromUpdatePolicy: true,
      };
    }),
    status: "drifted",
    reason: "3 ingestion failures in its update policy",
  },
};

describe("deriveTableStatus variations", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const status = deriveTableStatus(T, c.state, c.options);
      expect(status.status, status.reasons.join("\n")).toBe(c.status);
      expect(
        status.reasons.some((r) => r.includes(c.reason)),
        status.reasons.join("\n"),
      ).toBe(true);
    });
  }

  it("reports extra columns and column order as notes, not drift", () => {
    const state = configured((s) => {
      const cols = s.tables[T]!.columns;
      cols.push({ name: "Tenant", type: "string" });
      cols.reverse();
    });
    const status = deriveTableStatus(T, state);
    expect(status.parts.table).toBe("ok");
    expect(status.notes).toEqual([
      "Table AlertInfo has a column not in the catalog (Tenant); the console keeps it",
      "The columns of table AlertInfo are in a different order than in the catalog",
    ]);
  });

  it("passes activity through for the checklist row", () => {
    const state = buildState({
      configure: [T],
      activity: {
        [T]: { rowsLastHour: 1234, lastIngestion: "2026-03-02 09:59:00", lastEventTime: "2026-03-02 09:58:00" },
      },
    });
    const status = deriveTableStatus(T, state);
    expect(status).toMatchObject({
      status: "healthy",
      rowsLastHour: 1234,
      lastIngestion: "2026-03-02 09:59:00",
      lastEventTime: "2026-03-02 09:58:00",
      recentFailures: 0,
      reasons: ["1,234 rows arrived in the last hour"],
    });
  });

  it("rejects a name outside the catalog", () => {
    expect(() => deriveTableStatus("alertinfo", buildState())).toThrow(UnknownTableError);
  });
});

describe("normalisation", () => {
  it("ignores line breaks, indentation, braces and spacing around operators", () => {
    expect(normalizeFunctionBody("{\r\n  Staging\r\n  | where  Category == 'x'\r\n}")).toBe(
      "Staging|where Category=='x'",
    );
    expect(normalizeFunctionBody("Staging | where Category=='x'")).toBe("Staging|where Category=='x'");
  });

  it("keeps the words apart", () => {
    expect(normalizeFunctionBody("a  b")).not.toBe(normalizeFunctionBody("ab"));
  });

  it("compares policy queries without whitespace, brackets or trailing ()", () => {
    for (const q of ["FilterX()", " FilterX ( ) ", "['FilterX']()", '["FilterX"]()', "FilterX"]) {
      expect(normalizePolicyQuery(q)).toBe("FilterX");
    }
    expect(normalizePolicyQuery("FilterY()")).not.toBe("FilterX");
  });
});
