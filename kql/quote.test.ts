import { describe, expect, it } from "vitest";

import { buildGlobals, diagnosticsOf, nodeType, parseAndAnalyze, resultColumns } from "@/local/adx/kusto/language";

import {
  isPlainIdentifier,
  KqlNameError,
  quoteIdentifier,
  quoteSingleQuotedLiteral,
  quoteStringLiteral,
  quoteVerbatimLiteral,
  validateEntityName,
} from "./quote";

const identifierCases: Record<string, string> = {
  Staging: "Staging",
  DeviceProcessEvents: "DeviceProcessEvents",
  _private: "_private",
  Type: "Type",
  ISP: "ISP",
  where: "['where']",
  string: "['string']",
  true: "['true']",
  "My Table": "['My Table']",
  "1abc": "['1abc']",
  "a-b.c": "['a-b.c']",
  "it's": "['it\\'s']",
  "back\\slash": "['back\\\\slash']",
  "x; .drop table y": "['x; .drop table y']",
  "line\nbreak": "['line\\nbreak']",
  "": "['']",
};

const stringCases: Record<string, string> = {
  plain: '"plain"',
  'say "hi"': '"say \\"hi\\""',
  "back\\slash": '"back\\\\slash"',
  "a\nb\rc\td": '"a\\nb\\rc\\td"',
  "it's": '"it\'s"',
  "AdvancedHunting-DeviceInfo": '"AdvancedHunting-DeviceInfo"',
};

const verbatimCases: Record<string, string> = {
  '[{"column":"Raw","Properties":{"Path":"$"}}]': `@'[{"column":"Raw","Properties":{"Path":"$"}}]'`,
  "it's": "@'it''s'",
  "C:\\path": "@'C:\\path'",
  "''": "@''''''",
};

/** Parses `print <name> = <literal>` with Microsoft's parser and returns what Kusto understood. */
function roundTrip(
  nameText: string,
  literalText: string,
): { diagnostics: unknown[]; column?: string; value?: unknown } {
  const code = parseAndAnalyze(
    `print ${nameText} = ${literalText}`,
    buildGlobals({ name: "db", tables: [], functions: [] }),
  );
  const values: unknown[] = [];
  code.Syntax.WalkElements((n: { LiteralValue?: unknown }) => {
    if (nodeType(n) === "LiteralExpression") values.push(n.LiteralValue);
  });
  return { diagnostics: diagnosticsOf(code), column: resultColumns(code)[0]?.name, value: values.at(-1) };
}

describe("quoteIdentifier", () => {
  for (const [name, expected] of Object.entries(identifierCases)) {
    it(`writes ${JSON.stringify(name)} as ${expected}`, () => {
      expect(quoteIdentifier(name)).toBe(expected);
    });
  }

  for (const name of Object.keys(identifierCases).filter((n) => n !== "")) {
    it(`is read back by Kusto's parser as the single name ${JSON.stringify(name)}`, () => {
      const result = roundTrip(quoteIdentifier(name), "1");
      expect(result.diagnostics).toEqual([]);
      expect(result.column).toBe(name);
    });
  }

  it("reports plain identifiers", () => {
    expect(isPlainIdentifier("DeviceId")).toBe(true);
    expect(isPlainIdentifier("where")).toBe(false);
    expect(isPlainIdentifier("Where")).toBe(true);
    expect(isPlainIdentifier("a b")).toBe(false);
  });
});

describe("quoteStringLiteral", () => {
  for (const [value, expected] of Object.entries(stringCases)) {
    it(`writes ${JSON.stringify(value)} as ${expected} and Kusto reads the same value back`, () => {
      expect(quoteStringLiteral(value)).toBe(expected);
      const result = roundTrip("x", expected);
      expect(result.diagnostics).toEqual([]);
      expect(result.value).toBe(value);
    });
  }
});

const singleQuotedCases: Record<string, string> = {
  '[{"column":"Raw","Properties":{"Path":"$"}}]': `'[{"column":"Raw","Properties":{"Path":"$"}}]'`,
  "it's": "'it\\'s'",
  "back\\slash": "'back\\\\slash'",
  "a\nb": "'a\\nb'",
  'say "hi"': `'say "hi"'`,
};

describe("quoteSingleQuotedLiteral", () => {
  for (const [value, expected] of Object.entries(singleQuotedCases)) {
    it(`writes ${JSON.stringify(value)} as ${expected} and Kusto reads the same value back`, () => {
      expect(quoteSingleQuotedLiteral(value)).toBe(expected);
      const result = roundTrip("x", expected);
      expect(result.diagnostics).toEqual([]);
      expect(result.value).toBe(value);
    });
  }
});

describe("quoteVerbatimLiteral", () => {
  for (const [value, expected] of Object.entries(verbatimCases)) {
    it(`writes ${JSON.stringify(value)} as ${expected} and Kusto reads the same value back`, () => {
      expect(quoteVerbatimLiteral(value)).toBe(expected);
      const result = roundTrip("x", expected);
      expect(result.diagnostics).toEqual([]);
      expect(result.value).toBe(value);
    });
  }
});

describe("validateEntityName", () => {
  const valid = ["Staging", "my-db", "Defender.Raw", "table 1", "_x", "Ünïcødé", "a".repeat(1024)];
  for (const name of valid) {
    it(`accepts ${JSON.stringify(name.length > 40 ? `${name.slice(0, 10)}…(${name.length})` : name)}`, () => {
      expect(validateEntityName(name, "table name")).toBe(name);
    });
  }

  const invalid: [string, RegExp][] = [
    ["", /must not be empty/],
    ["   ", /only of whitespace/],
    ["a".repeat(1025), /at most 1024 characters/],
    ["x; .drop table y", /only letters, digits.*found ";"/],
    ["a'b", /found "'"/],
    ['a"b', /found "\\""/],
    ["a[b]", /found "\["/],
    ["line\nbreak", /found "\\n"/],
    ["tab\there", /found "\\t"/],
    ["a|b", /found "\|"/],
  ];
  for (const [name, rule] of invalid) {
    it(`rejects ${JSON.stringify(name.length > 40 ? `${name.slice(0, 10)}…(${name.length})` : name)}`, () => {
      let error: unknown;
      try {
        validateEntityName(name, "Staging table name");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KqlNameError);
      const nameError = error as KqlNameError;
      expect(nameError.entityName).toBe(name);
      expect(nameError.what).toBe("Staging table name");
      expect(nameError.message).toMatch(/^Invalid Staging table name /);
      expect(nameError.message).toMatch(rule);
    });
  }
});
