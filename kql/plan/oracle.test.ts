/**
 * Oracle: every command a plan contains — including the update policy the planner assembles itself when it keeps
 * entries from other sources — and the `.execute database script` text apply sends parse and analyse with zero
 * diagnostics in Microsoft's parser.
 */
import { describe, expect, it } from "vitest";

import {
  buildState,
  FIXTURE_TABLES,
  FIXTURES,
  generatedParts,
  loadFixture,
  type FixtureName,
} from "@/kql/__fixtures__/build-state.mock";
import { defenderTables } from "@/kql/catalog";
import { buildFilterFunctionDefinition } from "@/kql/generate/function";
import { planScript, planStaging, planTable, type PlanStep } from "@/kql/plan";
import { buildGlobals, diagnosticsOf, parseAndAnalyze } from "@/local/adx/kusto/language";

const globals = buildGlobals({
  name: "Defender",
  tables: [
    { name: "Staging", columns: [{ name: "Raw", type: "dynamic" }] },
    ...defenderTables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
  ],
  functions: defenderTables.map((t) => buildFilterFunctionDefinition(t, { stagingTable: "Staging" })),
});

const problems = (text: string): string[] =>
  diagnosticsOf(parseAndAnalyze(text, globals)).map((d) => `${d.code}: ${d.message}`);

const stepsOf = (name: FixtureName): PlanStep[] => {
  const state = loadFixture(name);
  return [...planStaging(state).steps, ...FIXTURE_TABLES.flatMap((t) => planTable(t, state, { backfill: true }).steps)];
};

describe("planned commands", () => {
  for (const name of Object.keys(FIXTURES) as FixtureName[]) {
    it(`${name}: every step analyses cleanly`, () => {
      for (const step of stepsOf(name)) expect(problems(step.text), step.text).toEqual([]);
    });
  }

  it("an update policy keeping another source's entry analyses cleanly", () => {
    const foreign = { ...generatedParts("AlertInfo").policy[0]!, Source: "Other's Raw", Query: "Other()" };
    const state = buildState({ configure: ["AlertInfo"], edit: (s) => void (s.updatePolicies.AlertInfo = [foreign]) });
    const [step] = planTable("AlertInfo", state).steps;
    expect(step?.text).toContain("Other''s Raw");
    expect(problems(step?.text ?? "")).toEqual([]);
  });

  it("the script apply sends analyses cleanly", () => {
    const script = planScript(stepsOf("fresh"));
    expect(problems(script)).toEqual([]);
  });
});
