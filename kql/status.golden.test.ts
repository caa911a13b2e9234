import { describe, expect, it } from "vitest";

import { loadFixture, type FixtureName } from "@/kql/__fixtures__/build-state.mock";
import { deriveAllStatuses, deriveTableStatus, type PartState, type TableStatusKind } from "@/kql/status";

type Parts = [fn: PartState, table: PartState, updatePolicy: PartState];
interface Expected {
  status: TableStatusKind;
  parts: Parts;
  /** Each must appear among the reasons (exact sentences). */
  reasons?: string[];
  /** Each must be a substring of some reason. */
  mentions?: string[];
}

const OK: Parts = ["ok", "ok", "ok"];
const NONE: Parts = ["missing", "missing", "missing"];

// Recorded state → expected status of the three tables the fixtures use.
const cases: Record<FixtureName, Record<"AlertInfo" | "EmailUrlInfo" | "UrlClickEvents", Expected>> = {
  fresh: {
    AlertInfo: {
      status: "not-set-up",
      parts: NONE,
      reasons: ["AlertInfo is not set up: its function, table and update policy are missing"],
    },
    EmailUrlInfo: { status: "not-set-up", parts: NONE },
    UrlClickEvents: { status: "not-set-up", parts: NONE },
  },
  "staging-only": {
    AlertInfo: { status: "not-set-up", parts: NONE },
    EmailUrlInfo: { status: "not-set-up", parts: NONE },
    UrlClickEvents: { status: "not-set-up", parts: NONE },
  },
  "partial-function-only": {
    AlertInfo: {
      status: "partial",
      parts: ["ok", "missing", "missing"],
      reasons: ["Table AlertInfo is missing", "Table AlertInfo has no update policy"],
    },
    EmailUrlInfo: { status: "not-set-up", parts: NONE },
    UrlClickEvents: { status: "not-set-up", parts: NONE },
  },
  "drifted-function": {
    AlertInfo: {
      status: "drifted",
      parts: ["drifted", "ok", "ok"],
      reasons: ["Function FilterAlertInfo differs from the generated one: it does not project MachineGroup"],
    },
    EmailUrlInfo: { status: "waiting", parts: OK, reasons: ["EmailUrlInfo is set up and waiting for its first rows"] },
    UrlClickEvents: { status: "waiting", parts: OK },
  },
  "drifted-schema": {
    AlertInfo: {
      status: "drifted",
      parts: ["ok", "drifted", "ok"],
      reasons: ["Column MachineGroup is missing from table AlertInfo"],
    },
    // An extra column the user added is not drift.
    EmailUrlInfo: { status: "waiting", parts: OK },
    UrlClickEvents: {
      status: "drifted",
      parts: ["ok", "drifted", "ok"],
      reasons: ["Column Timestamp has type string in the cluster but datetime in the catalog"],
    },
  },
  "drifted-update-policy": {
    AlertInfo: {
      status: "drifted",
      parts: ["ok", "ok", "drifted"],
      mentions: ["The update policy entry reading Staging with FilterAlertInfo() is not transactional"],
    },
    EmailUrlInfo: { status: "waiting", parts: OK },
    UrlClickEvents: { status: "waiting", parts: OK },
  },
  healthy: {
    AlertInfo: { status: "healthy", parts: OK, reasons: ["412 rows arrived in the last hour"] },
    EmailUrlInfo: { status: "healthy", parts: OK },
    // Its body is stored with CRLF line breaks, other indentation and spaces around `=`.
    UrlClickEvents: { status: "healthy", parts: OK, reasons: ["12 rows arrived in the last hour"] },
  },
  stale: {
    AlertInfo: { status: "stale", parts: OK, reasons: ["No rows for 167 minutes while 2 other tables receive data"] },
    EmailUrlInfo: { status: "healthy", parts: OK },
    UrlClickEvents: { status: "healthy", parts: OK },
  },
  failing: {
    // Its only failure is 3 hours old: outside the 60-minute window.
    AlertInfo: { status: "healthy", parts: OK },
    EmailUrlInfo: {
      status: "failing",
      parts: OK,
      reasons: [
        "7 ingestion failures in its update policy in the last 60 minutes (latest at 2026-03-02 09:41:27.4410000: " +
          "Query schema does not match table schema)",
      ],
    },
    // Failures win over rows still arriving.
    UrlClickEvents: { status: "failing", parts: OK, mentions: ["2 ingestion failures in its update policy"] },
  },
};

describe("deriveTableStatus over recorded cluster states", () => {
  for (const [fixture, tables] of Object.entries(cases) as [FixtureName, (typeof cases)[FixtureName]][]) {
    for (const [table, expected] of Object.entries(tables)) {
      it(`${fixture}: ${table} is ${expected.status}`, () => {
        const status = deriveTableStatus(table, loadFixture(fixture));
        expect(status.status).toBe(expected.status);
        expect([status.parts.function, status.parts.table, status.parts.updatePolicy]).toEqual(expected.parts);
        for (const reason of expected.reasons ?? []) expect(status.reasons).toContain(reason);
        for (const text of expected.mentions ?? []) {
          expect(
            status.reasons.some((r) => r.includes(text)),
            `${text}\nin\n${status.reasons.join("\n")}`,
          ).toBe(true);
        }
        expect(status.reasons.length).toBeGreaterThan(0);
      });
    }
  }
});

describe("deriveAllStatuses", () => {
  const countsByFixture: Record<FixtureName, Partial<Record<TableStatusKind, number>>> = {
    fresh: { "not-set-up": 26 },
    "staging-only": { "not-set-up": 26 },
    "partial-function-only": { "not-set-up": 25, partial: 1 },
    "drifted-function": { "not-set-up": 23, drifted: 1, waiting: 2 },
    "drifted-schema": { "not-set-up": 23, drifted: 2, waiting: 1 },
    "drifted-update-policy": { "not-set-up": 23, drifted: 1, waiting: 2 },
    healthy: { "not-set-up": 23, healthy: 3 },
    stale: { "not-set-up": 23, healthy: 2, stale: 1 },
    failing: { "not-set-up": 23, healthy: 1, failing: 2 },
  };
  for (const [fixture, expected] of Object.entries(countsByFixture) as [FixtureName, Record<string, number>][]) {
    it(`counts every catalog table once for ${fixture}`, () => {
      const all = deriveAllStatuses(loadFixture(fixture));
      expect(all.tables).toHaveLength(26);
      const nonZero = Object.fromEntries(Object.entries(all.counts).filter(([, n]) => n > 0));
      expect(nonZero).toEqual(expected);
      expect(Object.keys(all.counts)).toHaveLength(7);
    });
  }

  it("includes the Staging card and keeps catalog order", () => {
    const all = deriveAllStatuses(loadFixture("healthy"));
    expect(all.staging.status).toBe("ready");
    expect(all.tables[0]?.table).toBe("DeviceEvents");
    expect(all.readAt).toBe("2026-03-02T10:00:00.0000000Z");
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });
});
