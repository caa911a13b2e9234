import { describe, expect, it } from "vitest";
import { FIXTURES, loadFixture, type FixtureName } from "@/kql/__fixtures__/build-state.mock";
import { planStaging } from "@/kql/plan";
import { deriveStagingStatus } from "@/kql/status";
import { stagingStatusSchema } from "@/lib/schemas/table-responses";
import { previewStagingSteps } from "./staging-preview";

describe("previewStagingSteps", () => {
  for (const name of Object.keys(FIXTURES) as FixtureName[]) {
    it(`shows exactly the commands planStaging sends for the ${name} state`, () => {
      const state = loadFixture(name);
      const dto = stagingStatusSchema.parse(deriveStagingStatus(state));
      expect(previewStagingSteps(dto)).toEqual(planStaging(state).steps);
    });
  }

  it("previews every prerequisite for a cluster with no Staging table, in apply order", () => {
    const state = loadFixture("fresh");
    const kinds = previewStagingSteps(stagingStatusSchema.parse(deriveStagingStatus(state))).map((s) => s.kind);
    expect(kinds).toEqual(["staging-table", "staging-mapping", "retention", "batching"]);
  });

  it("follows custom Staging and mapping names", () => {
    const state = loadFixture("fresh");
    const options = { stagingTable: "RawEvents", mappingName: "RawMap" };
    const dto = stagingStatusSchema.parse(deriveStagingStatus(state, options));
    const steps = previewStagingSteps(dto);
    expect(steps).toEqual(planStaging(state, options).steps);
    expect(steps[1]?.text).toContain("RawMap");
  });
});
