import { describe, expect, it } from "vitest";
import {
  BATCHING_LIMITS,
  DEFAULT_BATCHING_POLICY,
  effectiveBatchingPolicy,
  ingestionBatchingPolicySchema,
  type IngestionBatchingPolicyInput,
  parseIngestionBatchingPolicyJson,
  serializeIngestionBatchingPolicy,
} from "./batching";
import { PolicyError } from "./errors";

const base = { MaximumBatchingTimeSpan: "00:00:30", MaximumNumberOfItems: 500, MaximumRawDataSizeMB: 1024 };

const issuesOf = (input: unknown) => {
  const result = ingestionBatchingPolicySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
};

describe("ingestionBatchingPolicySchema limits", () => {
  // [field, value, expected canonical value or null when rejected, message when rejected]
  const cases: [keyof typeof base, unknown, unknown, string?][] = [
    [
      "MaximumBatchingTimeSpan",
      "9s",
      null,
      "MaximumBatchingTimeSpan must be at least 00:00:10 (10 seconds); got 00:00:09",
    ],
    [
      "MaximumBatchingTimeSpan",
      "00:00:09.9999999",
      null,
      "MaximumBatchingTimeSpan must be at least 00:00:10 (10 seconds)",
    ],
    ["MaximumBatchingTimeSpan", "10s", "00:00:10"],
    ["MaximumBatchingTimeSpan", "00:00:10", "00:00:10"],
    ["MaximumBatchingTimeSpan", "30s", "00:00:30"],
    ["MaximumBatchingTimeSpan", "5m", "00:05:00"],
    ["MaximumBatchingTimeSpan", "30m", "00:30:00"],
    ["MaximumBatchingTimeSpan", "00:30:00", "00:30:00"],
    [
      "MaximumBatchingTimeSpan",
      "00:30:01",
      null,
      "MaximumBatchingTimeSpan must be at most 00:30:00 (30 minutes); got 00:30:01",
    ],
    ["MaximumBatchingTimeSpan", "1801s", null, "MaximumBatchingTimeSpan must be at most 00:30:00 (30 minutes)"],
    ["MaximumBatchingTimeSpan", "-30s", null, "MaximumBatchingTimeSpan must be at least 00:00:10 (10 seconds)"],
    [
      "MaximumBatchingTimeSpan",
      "soon",
      null,
      'MaximumBatchingTimeSpan must be a timespan such as 00:00:30 or 30s, between 00:00:10 (10 seconds) and 00:30:00 (30 minutes); got "soon"',
    ],
    [
      "MaximumBatchingTimeSpan",
      30,
      null,
      "MaximumBatchingTimeSpan must be a timespan such as 00:00:30 or 30s, between 00:00:10 (10 seconds) and 00:30:00 (30 minutes)",
    ],
    ["MaximumNumberOfItems", 0, null, "MaximumNumberOfItems must be at least 1 item"],
    ["MaximumNumberOfItems", 1, 1],
    ["MaximumNumberOfItems", 25_000, 25_000],
    ["MaximumNumberOfItems", 25_001, null, "MaximumNumberOfItems must be at most 25,000 items"],
    ["MaximumNumberOfItems", -5, null, "MaximumNumberOfItems must be at least 1 item"],
    ["MaximumNumberOfItems", 2.5, null, "MaximumNumberOfItems must be a whole number between 1 item and 25,000 items"],
    ["MaximumNumberOfItems", "500", null, "MaximumNumberOfItems must be a number between 1 item and 25,000 items"],
    ["MaximumNumberOfItems", Number.NaN, null, "MaximumNumberOfItems must be a number between 1 item and 25,000 items"],
    ["MaximumRawDataSizeMB", 99, null, "MaximumRawDataSizeMB must be at least 100 MB"],
    ["MaximumRawDataSizeMB", 100, 100],
    ["MaximumRawDataSizeMB", 4096, 4096],
    ["MaximumRawDataSizeMB", 4097, null, "MaximumRawDataSizeMB must be at most 4,096 MB"],
    ["MaximumRawDataSizeMB", 1024.5, null, "MaximumRawDataSizeMB must be a whole number between 100 MB and 4,096 MB"],
    [
      "MaximumRawDataSizeMB",
      Number.POSITIVE_INFINITY,
      null,
      "MaximumRawDataSizeMB must be a number between 100 MB and 4,096 MB",
    ],
  ];

  for (const [field, value, expected, message] of cases) {
    it(`${field} = ${String(value)} is ${expected === null ? "rejected" : "accepted"}`, () => {
      const input = { ...base, [field]: value };
      if (expected === null) {
        const issues = issuesOf(input);
        expect(issues[0]?.field).toBe(field);
        expect(issues[0]?.message).toContain(message);
      } else {
        expect(ingestionBatchingPolicySchema.parse(input)).toEqual({ ...base, [field]: expected });
      }
    });
  }

  it("requires every field, naming it", () => {
    expect(issuesOf({}).map((i) => i.field)).toEqual([
      "MaximumBatchingTimeSpan",
      "MaximumNumberOfItems",
      "MaximumRawDataSizeMB",
    ]);
  });

  it("rejects a non-object with the policy name", () => {
    expect(issuesOf("30s")[0]?.message).toBe(
      "IngestionBatchingPolicy must be an object with MaximumBatchingTimeSpan, MaximumNumberOfItems, MaximumRawDataSizeMB",
    );
  });

  it("drops unknown keys", () => {
    expect(ingestionBatchingPolicySchema.parse({ ...base, Extra: 1 })).toEqual(base);
  });
});

describe("BATCHING_LIMITS and DEFAULT_BATCHING_POLICY", () => {
  it("hold ADX's documented limits and defaults", () => {
    expect(BATCHING_LIMITS.MaximumBatchingTimeSpan).toMatchObject({
      min: 10,
      max: 1800,
      default: 300,
      unit: "seconds",
    });
    expect(BATCHING_LIMITS.MaximumNumberOfItems).toMatchObject({ min: 1, max: 25_000, default: 500, unit: "items" });
    expect(BATCHING_LIMITS.MaximumRawDataSizeMB).toMatchObject({ min: 100, max: 4096, default: 1024, unit: "MB" });
    expect(BATCHING_LIMITS.MaximumBatchingTimeSpan.minLabel).toBe("00:00:10 (10 seconds)");
    expect(BATCHING_LIMITS.MaximumBatchingTimeSpan.maxLabel).toBe("00:30:00 (30 minutes)");
    expect(BATCHING_LIMITS.MaximumBatchingTimeSpan.defaultLabel).toBe("00:05:00 (5 minutes)");
    expect(DEFAULT_BATCHING_POLICY).toEqual({
      MaximumBatchingTimeSpan: "00:05:00",
      MaximumNumberOfItems: 500,
      MaximumRawDataSizeMB: 1024,
    });
  });

  it("the default policy passes its own schema", () => {
    expect(ingestionBatchingPolicySchema.parse(DEFAULT_BATCHING_POLICY)).toEqual(DEFAULT_BATCHING_POLICY);
  });
});

describe("parseIngestionBatchingPolicyJson", () => {
  const cases: [string, string | null, unknown][] = [
    ["SQL null", null, null],
    ['the string "null"', "null", null],
    ["empty text", "", null],
    [
      "indented JSON from the docs",
      '{\n  "MaximumBatchingTimeSpan": "00:00:30",\n  "MaximumNumberOfItems": 500,\n  "MaximumRawDataSizeMB": 1024\n}',
      base,
    ],
    [
      "compact JSON",
      '{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}',
      base,
    ],
    ["missing fields take defaults", '{"MaximumBatchingTimeSpan":"00:00:30"}', base],
    ["empty object is the defaults", "{}", DEFAULT_BATCHING_POLICY],
    [
      "null fields take defaults",
      '{"MaximumBatchingTimeSpan":null,"MaximumNumberOfItems":null}',
      DEFAULT_BATCHING_POLICY,
    ],
    [
      "extra properties are ignored",
      '{"MaximumBatchingTimeSpan":"00:01:00","MaximumNumberOfItems":1000,"MaximumRawDataSizeMB":1024,"SomethingNew":true}',
      { ...base, MaximumBatchingTimeSpan: "00:01:00", MaximumNumberOfItems: 1000 },
    ],
    ["property names are case-insensitive", '{"maximumbatchingtimespan":"00:00:30"}', base],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(parseIngestionBatchingPolicyJson(text)).toEqual(expected));
  }

  const bad: [string, string, string, string][] = [
    [
      "broken JSON",
      '{"MaximumBatchingTimeSpan":',
      "IngestionBatchingPolicy",
      "IngestionBatchingPolicy is not valid JSON",
    ],
    ["an array", "[]", "IngestionBatchingPolicy", "IngestionBatchingPolicy must be a JSON object"],
    ["a number", "42", "IngestionBatchingPolicy", "IngestionBatchingPolicy must be a JSON object"],
    ["time below the limit", '{"MaximumBatchingTimeSpan":"00:00:05"}', "MaximumBatchingTimeSpan", "at least 00:00:10"],
    ["items above the limit", '{"MaximumNumberOfItems":30000}', "MaximumNumberOfItems", "at most 25,000 items"],
    ["size as text", '{"MaximumRawDataSizeMB":"1024"}', "MaximumRawDataSizeMB", "must be a number"],
  ];
  for (const [name, text, field, message] of bad) {
    it(`throws PolicyError on ${name}`, () => {
      const error = (() => {
        try {
          parseIngestionBatchingPolicyJson(text);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).field).toBe(field);
      expect((error as PolicyError).message).toContain(message);
    });
  }
});

describe("serializeIngestionBatchingPolicy", () => {
  it("writes compact JSON with the keys in ADX's order, time normalised", () => {
    const input: IngestionBatchingPolicyInput = {
      MaximumRawDataSizeMB: 1024,
      MaximumNumberOfItems: 500,
      MaximumBatchingTimeSpan: "30s",
    };
    expect(serializeIngestionBatchingPolicy(input)).toBe(
      '{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}',
    );
  });

  it("round-trips through parse", () => {
    const policy = { MaximumBatchingTimeSpan: "00:02:00", MaximumNumberOfItems: 25_000, MaximumRawDataSizeMB: 100 };
    expect(parseIngestionBatchingPolicyJson(serializeIngestionBatchingPolicy(policy))).toEqual(policy);
  });

  it("refuses values outside the limits", () => {
    expect(() => serializeIngestionBatchingPolicy({ ...base, MaximumNumberOfItems: 0 })).toThrow(PolicyError);
  });
});

describe("effectiveBatchingPolicy", () => {
  const table = { ...base };
  const database = { ...base, MaximumBatchingTimeSpan: "00:01:00" };
  it("prefers the table's policy", () => {
    expect(effectiveBatchingPolicy({ table, database })).toEqual({ policy: table, source: "table" });
  });
  it("falls back to the database's policy", () => {
    expect(effectiveBatchingPolicy({ table: null, database })).toEqual({ policy: database, source: "database" });
  });
  it("falls back to ADX's defaults", () => {
    expect(effectiveBatchingPolicy({ table: null, database: undefined })).toEqual({
      policy: DEFAULT_BATCHING_POLICY,
      source: "default",
    });
  });
});
