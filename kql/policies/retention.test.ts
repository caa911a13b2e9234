import { describe, expect, it } from "vitest";
import { PolicyError } from "./errors";
import {
  DEFAULT_RETENTION_POLICY,
  effectiveRetentionPolicy,
  parseRetentionPolicyJson,
  RETENTION_LIMITS,
  retentionFormSchema,
  retentionPolicySchema,
  serializeRetentionPolicy,
  ZERO_RETENTION_NEEDS_DISABLED,
} from "./retention";

const firstIssue = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
  const issue = result.error?.issues[0];
  return issue ? { field: issue.path.join("."), message: issue.message } : undefined;
};

describe("retentionPolicySchema", () => {
  // [SoftDeletePeriod, Recoverability, expected canonical period or null, field at fault, message part]
  const cases: [unknown, unknown, string | null, string?, string?][] = [
    [
      "-1d",
      "Disabled",
      null,
      "SoftDeletePeriod",
      "SoftDeletePeriod must be at least 00:00:00 (0 seconds); got -1.00:00:00",
    ],
    ["-00:00:00.0000001", "Disabled", null, "SoftDeletePeriod", "must be at least 00:00:00 (0 seconds)"],
    ["0s", "Enabled", null, "Recoverability", ZERO_RETENTION_NEEDS_DISABLED],
    ["00:00:00", "Enabled", null, "Recoverability", "Recoverability must be Disabled when SoftDeletePeriod is 0"],
    ["0s", "Disabled", "00:00:00"],
    ["00:00:00", "Disabled", "00:00:00"],
    ["1tick", "Enabled", "00:00:00.0000001"],
    ["7d", "Enabled", "7.00:00:00"],
    ["10.00:00:00", "Enabled", "10.00:00:00"],
    ["365000d", "Enabled", "365000.00:00:00"],
    ["365000.00:00:00", "Disabled", "365000.00:00:00"],
    ["365000.00:00:00.0000001", "Enabled", null, "SoftDeletePeriod", "must be at most 365000.00:00:00 (365,000 days)"],
    [
      "365001d",
      "Enabled",
      null,
      "SoftDeletePeriod",
      "SoftDeletePeriod must be at most 365000.00:00:00 (365,000 days); got 365001.00:00:00",
    ],
    [
      "forever",
      "Enabled",
      null,
      "SoftDeletePeriod",
      'SoftDeletePeriod must be a timespan such as 0s, 7d or 7.00:00:00, between 00:00:00 (0 seconds) and 365000.00:00:00 (365,000 days); got "forever"',
    ],
    ["7d", "enabled", null, "Recoverability", 'Recoverability must be "Enabled" or "Disabled"'],
    ["7d", true, null, "Recoverability", 'Recoverability must be "Enabled" or "Disabled"'],
    [undefined, "Enabled", null, "SoftDeletePeriod", "SoftDeletePeriod must be a timespan"],
  ];
  for (const [period, recoverability, expected, field, message] of cases) {
    it(`${String(period)} / ${String(recoverability)} is ${expected === null ? "rejected" : "accepted"}`, () => {
      const result = retentionPolicySchema.safeParse({ SoftDeletePeriod: period, Recoverability: recoverability });
      if (expected === null) {
        expect(result.success).toBe(false);
        expect(firstIssue(result)?.field).toBe(field);
        expect(firstIssue(result)?.message).toContain(message);
      } else {
        expect(result.data).toEqual({ SoftDeletePeriod: expected, Recoverability: recoverability });
      }
    });
  }

  it("knows the limits", () => {
    expect(RETENTION_LIMITS.SoftDeletePeriod.minLabel).toBe("00:00:00 (0 seconds)");
    expect(RETENTION_LIMITS.SoftDeletePeriod.maxLabel).toBe("365000.00:00:00 (365,000 days)");
    expect(DEFAULT_RETENTION_POLICY).toEqual({ SoftDeletePeriod: "365000.00:00:00", Recoverability: "Enabled" });
  });
});

describe("retentionFormSchema", () => {
  const cases: [Record<string, unknown>, Record<string, unknown> | null, string?, string?][] = [
    [
      { softDelete: "0s", recoverability: "disabled" },
      { softDelete: "0s", recoverability: "disabled" },
    ],
    [{ softDelete: "0s" }, { softDelete: "0s" }],
    [{ softDelete: "00:00:00" }, { softDelete: "0s" }],
    [{ softDelete: " 7d " }, { softDelete: "7d" }],
    [
      { softDelete: "7.00:00:00", recoverability: "enabled" },
      { softDelete: "7d", recoverability: "enabled" },
    ],
    [{ softDelete: "0.5d" }, { softDelete: "12h" }],
    [{ softDelete: "365000d" }, { softDelete: "365000d" }],
    [{ softDelete: "365001d" }, null, "softDelete", "must be at most 365000.00:00:00 (365,000 days)"],
    [{ softDelete: "-1s" }, null, "softDelete", "SoftDeletePeriod must be at least 00:00:00 (0 seconds)"],
    [{ softDelete: "0s", recoverability: "enabled" }, null, "recoverability", ZERO_RETENTION_NEEDS_DISABLED],
    [
      { softDelete: "7d", recoverability: "maybe" },
      null,
      "recoverability",
      'Recoverability must be "enabled" or "disabled"',
    ],
    [{ softDelete: "" }, null, "softDelete", "SoftDeletePeriod must be a timespan such as 0s, 7d or 7.00:00:00"],
    [{}, null, "softDelete", "SoftDeletePeriod must be a timespan"],
  ];
  for (const [input, expected, field, message] of cases) {
    it(`${JSON.stringify(input)} is ${expected ? "accepted" : "rejected"}`, () => {
      const result = retentionFormSchema.safeParse(input);
      if (expected) {
        expect(result.data).toEqual(expected);
      } else {
        expect(firstIssue(result)?.field).toBe(field);
        expect(firstIssue(result)?.message).toContain(message);
      }
    });
  }
});

describe("parseRetentionPolicyJson", () => {
  const cases: [string, string | null, unknown][] = [
    ["SQL null", null, null],
    ['the string "null"', "null", null],
    [
      "the docs' database example",
      '{"SoftDeletePeriod": "365.00:00:00", "Recoverability": "Enabled"}',
      { SoftDeletePeriod: "365.00:00:00", Recoverability: "Enabled" },
    ],
    [
      "indented zero retention",
      '{\n  "SoftDeletePeriod": "00:00:00",\n  "Recoverability": "Disabled"\n}',
      { SoftDeletePeriod: "00:00:00", Recoverability: "Disabled" },
    ],
    ["empty object is the defaults", "{}", DEFAULT_RETENTION_POLICY],
    [
      "missing Recoverability takes the default",
      '{"SoftDeletePeriod":"10.00:00:00"}',
      { SoftDeletePeriod: "10.00:00:00", Recoverability: "Enabled" },
    ],
    [
      "lower-case names and values",
      '{"softdeleteperiod":"1.00:00:00","recoverability":"disabled"}',
      { SoftDeletePeriod: "1.00:00:00", Recoverability: "Disabled" },
    ],
    [
      "extra properties are ignored",
      '{"SoftDeletePeriod":"00:00:00","Recoverability":"Disabled","Other":1}',
      { SoftDeletePeriod: "00:00:00", Recoverability: "Disabled" },
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(parseRetentionPolicyJson(text)).toEqual(expected));
  }

  const bad: [string, string, string][] = [
    ["broken JSON", "{", "RetentionPolicy"],
    ["an array", "[1]", "RetentionPolicy"],
    ["a negative period", '{"SoftDeletePeriod":"-1.00:00:00","Recoverability":"Disabled"}', "SoftDeletePeriod"],
    ["zero with Enabled", '{"SoftDeletePeriod":"00:00:00","Recoverability":"Enabled"}', "Recoverability"],
    ["an unknown recoverability", '{"SoftDeletePeriod":"1.00:00:00","Recoverability":"Sometimes"}', "Recoverability"],
  ];
  for (const [name, text, field] of bad) {
    it(`throws PolicyError on ${name}`, () => {
      expect(() => parseRetentionPolicyJson(text)).toThrow(PolicyError);
      try {
        parseRetentionPolicyJson(text);
      } catch (e) {
        expect((e as PolicyError).field).toBe(field);
      }
    });
  }
});

describe("serializeRetentionPolicy", () => {
  it("writes compact JSON in ADX's key order, period canonical", () => {
    expect(serializeRetentionPolicy({ Recoverability: "Disabled", SoftDeletePeriod: "0s" })).toBe(
      '{"SoftDeletePeriod":"00:00:00","Recoverability":"Disabled"}',
    );
  });
  it("round-trips through parse", () => {
    const policy = { SoftDeletePeriod: "30.00:00:00", Recoverability: "Enabled" as const };
    expect(parseRetentionPolicyJson(serializeRetentionPolicy(policy))).toEqual(policy);
  });
  it("refuses zero with Enabled", () => {
    expect(() => serializeRetentionPolicy({ SoftDeletePeriod: "0s", Recoverability: "Enabled" })).toThrow(
      ZERO_RETENTION_NEEDS_DISABLED,
    );
  });
});

describe("effectiveRetentionPolicy", () => {
  const table = { SoftDeletePeriod: "00:00:00", Recoverability: "Disabled" as const };
  const database = { SoftDeletePeriod: "365.00:00:00", Recoverability: "Enabled" as const };
  it("prefers the table's policy", () => {
    expect(effectiveRetentionPolicy({ table, database })).toEqual({ policy: table, source: "table" });
  });
  it("falls back to the database's", () => {
    expect(effectiveRetentionPolicy({ table: null, database })).toEqual({ policy: database, source: "database" });
  });
  it("falls back to ADX's default", () => {
    expect(effectiveRetentionPolicy({ table: null, database: null })).toEqual({
      policy: DEFAULT_RETENTION_POLICY,
      source: "default",
    });
  });
});
