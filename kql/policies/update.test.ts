import { describe, expect, it } from "vitest";
import { PolicyError } from "./errors";
import { parseUpdatePolicyJson, serializeUpdatePolicy, updatePolicyEntrySchema, updatePolicySchema } from "./update";

const entry = {
  IsEnabled: true,
  Source: "Staging",
  Query: "FilterDeviceEvents()",
  IsTransactional: true,
  PropagateIngestionProperties: true,
};

describe("updatePolicyEntrySchema", () => {
  it("fills IsTransactional and PropagateIngestionProperties with false", () => {
    expect(updatePolicyEntrySchema.parse({ IsEnabled: true, Source: "Staging", Query: "F()" })).toEqual({
      IsEnabled: true,
      Source: "Staging",
      Query: "F()",
      IsTransactional: false,
      PropagateIngestionProperties: false,
    });
  });

  it("keeps unknown system keys and the optional ones", () => {
    const input = {
      ...entry,
      SourceIsWildCard: false,
      ManagedIdentity: null,
      OwnerPrincipalDetails: { Fqn: "x" },
      Future: 7,
    };
    expect(updatePolicyEntrySchema.parse(input)).toEqual(input);
  });

  const bad: [string, Record<string, unknown>, string, string][] = [
    ["missing IsEnabled", { Source: "Staging", Query: "F()" }, "IsEnabled", "IsEnabled must be true or false"],
    ["IsEnabled as text", { ...entry, IsEnabled: "true" }, "IsEnabled", "IsEnabled must be true or false"],
    ["empty Source", { ...entry, Source: "" }, "Source", "Source must not be empty"],
    ["blank Source", { ...entry, Source: "  " }, "Source", "Source must not be empty"],
    ["missing Source", { IsEnabled: true, Query: "F()" }, "Source", "Source must be a string"],
    ["empty Query", { ...entry, Query: "" }, "Query", "Query must not be empty"],
    ["Query as number", { ...entry, Query: 1 }, "Query", "Query must be a string"],
    [
      "IsTransactional as text",
      { ...entry, IsTransactional: "yes" },
      "IsTransactional",
      "IsTransactional must be true or false",
    ],
    [
      "PropagateIngestionProperties as number",
      { ...entry, PropagateIngestionProperties: 1 },
      "PropagateIngestionProperties",
      "must be true or false",
    ],
    ["SourceIsWildCard as text", { ...entry, SourceIsWildCard: "no" }, "SourceIsWildCard", "must be true or false"],
    [
      "ManagedIdentity as number",
      { ...entry, ManagedIdentity: 3 },
      "ManagedIdentity",
      "ManagedIdentity must be a string",
    ],
  ];
  for (const [name, input, field, message] of bad) {
    it(`rejects ${name}`, () => {
      const result = updatePolicyEntrySchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path.join(".")).toBe(field);
      expect(result.error?.issues[0]?.message).toContain(message);
    });
  }

  it("updatePolicySchema wants an array", () => {
    expect(updatePolicySchema.safeParse(entry).error?.issues[0]?.message).toBe(
      "UpdatePolicy must be a JSON array of policy entries",
    );
  });
});

describe("parseUpdatePolicyJson", () => {
  const empty: [string, string | null][] = [
    ["SQL null", null],
    ['"null"', "null"],
    ['"[]"', "[]"],
    ["indented empty array", "[\n]"],
  ];
  for (const [name, text] of empty) {
    it(`${name} gives []`, () => expect(parseUpdatePolicyJson(text)).toEqual([]));
  }

  it("reads the documented read-back with system fields", () => {
    const text = `[
  {
    "IsEnabled": true,
    "Source": "Staging",
    "Query": "FilterDeviceEvents()",
    "IsTransactional": true,
    "PropagateIngestionProperties": true,
    "ManagedIdentity": null,
    "OwnerPrincipalDetails": {}
  }
]`;
    expect(parseUpdatePolicyJson(text)).toEqual([{ ...entry, ManagedIdentity: null, OwnerPrincipalDetails: {} }]);
  });

  const bad: [string, string, string][] = [
    ["broken JSON", "[{", "UpdatePolicy"],
    ["an object", JSON.stringify(entry), "UpdatePolicy"],
    ["a bad second entry", JSON.stringify([entry, { ...entry, Query: "" }]), "[1].Query"],
  ];
  for (const [name, text, field] of bad) {
    it(`throws PolicyError on ${name}, field ${field}`, () => {
      let caught: unknown;
      try {
        parseUpdatePolicyJson(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(PolicyError);
      expect((caught as PolicyError).field).toBe(field);
    });
  }
});

describe("serializeUpdatePolicy", () => {
  it("writes compact JSON, documented key order, defaults filled", () => {
    expect(
      serializeUpdatePolicy([
        { Query: "FilterAlertInfo()", Source: "Staging", IsEnabled: true, IsTransactional: true },
      ]),
    ).toBe(
      '[{"IsEnabled":true,"Source":"Staging","Query":"FilterAlertInfo()","IsTransactional":true,"PropagateIngestionProperties":false}]',
    );
  });

  it("keeps unknown keys but never writes OwnerPrincipalDetails back", () => {
    const read = parseUpdatePolicyJson(
      JSON.stringify([{ ...entry, OwnerPrincipalDetails: { Fqn: "aadapp=x" }, ManagedIdentity: "system", Future: 1 }]),
    );
    expect(serializeUpdatePolicy(read)).toBe(
      '[{"IsEnabled":true,"Source":"Staging","Query":"FilterDeviceEvents()","IsTransactional":true,"PropagateIngestionProperties":true,"ManagedIdentity":"system","Future":1}]',
    );
  });

  it("writes an empty policy as []", () => {
    expect(serializeUpdatePolicy([])).toBe("[]");
  });

  it("round-trips through parse", () => {
    const entries = [entry, { ...entry, Source: "Other", Query: "Staging | take 0", IsEnabled: false }];
    expect(parseUpdatePolicyJson(serializeUpdatePolicy(entries))).toEqual(entries);
  });

  it("refuses an invalid entry", () => {
    expect(() => serializeUpdatePolicy([{ ...entry, Source: "" }])).toThrow(PolicyError);
  });
});
