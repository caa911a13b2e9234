import { describe, expect, it } from "vitest";
import { rolesFromClaim } from "./roles";

describe("rolesFromClaim", () => {
  it.each([
    [["Console.Admin"], ["viewer", "admin"]],
    [["Console.Viewer"], ["viewer"]],
    [
      ["Console.Viewer", "Console.Admin"],
      ["viewer", "admin"],
    ],
    [["console.admin"], []], // app role values are case-sensitive in Entra ID
    [["Stream.Ingest"], []],
    [[], []],
    [undefined, []],
    ["Console.Admin", []], // a string is not a roles claim
    [[42, "Console.Viewer"], ["viewer"]],
  ])("%j → %j", (claim, roles) => {
    expect(rolesFromClaim(claim)).toEqual(roles);
  });
});
