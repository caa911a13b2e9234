import { describe, expect, it } from "vitest";
import { tableNames } from "@/kql/catalog";
import { applyRequestSchema, setupScriptQuerySchema, tableParamsSchema } from "./tables";

describe("request schemas", () => {
  it("accept catalog names only, exactly spelled", () => {
    expect(tableParamsSchema.safeParse({ table: "DeviceInfo" }).success).toBe(true);
    for (const bad of ["deviceinfo", "Staging", "DeviceInfo ", "", 3]) {
      expect(tableParamsSchema.safeParse({ table: bad }).success).toBe(false);
    }
  });

  it("applyRequestSchema: a non-empty list of distinct catalog names, nothing else", () => {
    expect(applyRequestSchema.parse({ tables: ["AlertInfo", "DeviceInfo"] })).toEqual({
      tables: ["AlertInfo", "DeviceInfo"],
    });
    expect(applyRequestSchema.parse({ tables: [...tableNames] }).tables).toHaveLength(tableNames.length);
    const bad = applyRequestSchema.safeParse({ tables: ["AlertInfo", "Nope"] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/Unknown table "Nope"/);
    expect(applyRequestSchema.safeParse({ tables: [] }).success).toBe(false);
    expect(applyRequestSchema.safeParse({ tables: ["AlertInfo", "AlertInfo"] }).success).toBe(false);
    expect(applyRequestSchema.safeParse({ tables: ["AlertInfo"], extra: 1 }).success).toBe(false);
  });

  it("setupScriptQuerySchema: comma list, empty = all", () => {
    expect(setupScriptQuerySchema.parse({ tables: " DeviceInfo, AlertInfo ," })).toEqual({
      tables: ["DeviceInfo", "AlertInfo"],
    });
    expect(setupScriptQuerySchema.parse({})).toEqual({ tables: undefined });
    expect(setupScriptQuerySchema.parse({ tables: "" })).toEqual({ tables: undefined });
    expect(setupScriptQuerySchema.safeParse({ tables: "DeviceInfo,Nope" }).success).toBe(false);
  });
});
