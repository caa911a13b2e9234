import { describe, expect, it } from "vitest";

import { getTable } from "@/kql/catalog";
import { parseUpdatePolicyJson } from "@/kql/policies/update";
import { KqlNameError } from "@/kql/quote";

import { buildUpdatePolicyCommand, buildUpdatePolicyJson } from "./update-policy";

describe("buildUpdatePolicyCommand", () => {
  it("writes the seed's policy with the seed's JSON spacing", () => {
    expect(buildUpdatePolicyCommand(getTable("DeviceInfo"), { stagingTable: "Staging" })).toBe(
      `.alter table DeviceInfo policy update @'[{"IsEnabled": true, "Source": "Staging", "Query": "FilterDeviceInfo()", ` +
        `"IsTransactional": true, "PropagateIngestionProperties": true}]'`,
    );
  });

  it("writes JSON that the update policy model reads back as one transactional entry", () => {
    const json = buildUpdatePolicyJson(getTable("EmailEvents"), { stagingTable: "Raw Events" });
    expect(parseUpdatePolicyJson(json)).toEqual([
      {
        IsEnabled: true,
        Source: "Raw Events",
        Query: "FilterEmailEvents()",
        IsTransactional: true,
        PropagateIngestionProperties: true,
      },
    ]);
  });

  it("rejects a Staging name that could break out of the policy literal", () => {
    expect(() => buildUpdatePolicyCommand(getTable("DeviceInfo"), { stagingTable: "x'; .drop table y" })).toThrow(
      KqlNameError,
    );
  });
});
