import { describe, expect, it } from "vitest";
import type { PlanStep } from "@/kql/plan";
import { parseScriptResult } from "./script-result";

const step = (id: string): PlanStep => ({ id, kind: "function", target: id, text: `.cmd ${id}`, reason: "why" });
const COLUMNS = ["OperationId", "CommandType", "CommandText", "Result", "Reason"].map((name) => ({
  name,
  type: "string",
}));

describe("parseScriptResult", () => {
  it("pairs rows with steps and names the first failure", () => {
    const out = parseScriptResult([step("a"), step("b"), step("c")], {
      columns: COLUMNS,
      rows: [
        ["1", "FunctionCreateOrAlter", ".cmd a", "Completed", ""],
        ["2", "TableCreateMerge", ".cmd b", "Failed", "Bearer eyJabc.def.ghi is not allowed"],
        ["3", "", ".cmd c", "Skipped", "Not run"],
      ],
    });
    expect(out.commands.map((c) => c.result)).toEqual(["Completed", "Failed", "Skipped"]);
    expect(out.failed).toEqual({ id: "b", text: ".cmd b", reason: "Bearer [redacted] is not allowed" });
  });

  it("treats commands the cluster did not report as not completed", () => {
    const out = parseScriptResult([step("a"), step("b")], {
      columns: COLUMNS,
      rows: [["1", "X", ".cmd a", "Completed", ""]],
    });
    expect(out.commands[1]).toMatchObject({ result: "Skipped" });
    expect(out.failed?.id).toBe("b");
  });

  it("has no failure when every command completed", () => {
    expect(
      parseScriptResult([step("a")], { columns: COLUMNS, rows: [["1", "X", ".cmd a", "Completed", ""]] }).failed,
    ).toBeNull();
  });
});
