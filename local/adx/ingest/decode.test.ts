/** Pure parts of ingestion: splitting payloads, exact numbers, JSON paths, CSV, value conversion. */
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import {
  BigJsonNumber,
  checkJsonObject,
  FormatError,
  parseJsonRecord,
  splitJsonLines,
  splitMultiJson,
  stringifyExact,
} from "./json-text";
import { evaluatePath, MappingError, parseJsonPath, resolveMapping } from "./mapping";
import { parseDatetimeNs, toCell } from "./values";
import { prefixSql, rewriteWithShared, sharedPrefixLength, splitCtes } from "./shared-prefix";

describe("multijson and json splitting", () => {
  const cases: Record<string, string[]> = {
    '{"a":1}': ['{"a":1}'],
    '{"a":1}\n{"b":"}"}': ['{"a":1}', '{"b":"}"}'],
    ' {"a":\n  {"b": [1, 2]}\n}  {"c":"\\"{"} ': ['{"a":\n  {"b": [1, 2]}\n}', '{"c":"\\"{"}'],
    '[{"a":1}, {"b":2}]': ['{"a":1}', '{"b":2}'],
    "[]": [],
    "": [],
  };
  for (const [input, expected] of Object.entries(cases)) {
    it(`splits ${JSON.stringify(input)}`, () => {
      expect(splitMultiJson(input).map((r) => r.text)).toEqual(expected);
    });
  }
  it("refuses unbalanced text and stray tokens with a position", () => {
    expect(() => splitMultiJson('{"a":1')).toThrow(FormatError);
    expect(() => splitMultiJson('{"a":1} x')).toThrow(/position 8/);
    expect(() => splitMultiJson('[{"a":1}] {}')).toThrow(/after the top-level JSON array/);
  });
  it("checks a single-object payload at once, and accepts and refuses exactly what the full parse does", () => {
    const [one] = splitMultiJson(' {"a": [1, {"b": "}"}]}\n');
    expect(one).toEqual({ text: '{"a": [1, {"b": "}"}]}', start: 1, checked: true });
    expect(() => checkJsonObject({ text: "[1]", start: 3 })).toThrow("The record at position 3 is not a JSON object");
    expect(() => checkJsonObject({ text: '{"a":tru}', start: 0 })).toThrow(FormatError);
    // With a long number the exact parser always read the record, and it takes a BOM as whitespace: still accepted.
    expect(() => checkJsonObject({ text: '{\uFEFF"a":12345678901234567890}', start: 0 })).not.toThrow();
  });
  it("json: one object per line, blank lines skipped", () => {
    expect(splitJsonLines('{"a":1}\r\n\n  {"b":2}\n').map((r) => r.text)).toEqual(['{"a":1}', '{"b":2}']);
  });
});

describe("exact JSON numbers", () => {
  it("keeps integers beyond 2^53 as text and writes them back verbatim", () => {
    const doc = parseJsonRecord({
      text: '{"id":123456789012345678,"n":-98765432109876543,"f":1.5,"s":"x"}',
      start: 0,
    }) as Record<string, unknown>;
    expect(doc.id).toEqual(new BigJsonNumber("123456789012345678"));
    expect(doc.n).toEqual(new BigJsonNumber("-98765432109876543"));
    expect(doc.f).toBe(1.5);
    expect(stringifyExact(doc)).toBe('{"id":123456789012345678,"n":-98765432109876543,"f":1.5,"s":"x"}');
    expect(toCell(doc.id, "long")).toBe(123456789012345678n);
  });
  it("reports invalid JSON as a FormatError at the record's offset", () => {
    expect(() => parseJsonRecord({ text: '{"a": }', start: 40 })).toThrow(FormatError);
    expect(() => parseJsonRecord({ text: '{"a": 1234567890123456789, }', start: 0 })).toThrow(FormatError);
  });
});

describe("JSON paths and mappings", () => {
  it("parses the path forms", () => {
    expect(parseJsonPath("$")).toEqual([]);
    expect(parseJsonPath("$.records")).toEqual(["records"]);
    expect(parseJsonPath("$.a.b[2]")).toEqual(["a", "b", 2]);
    expect(parseJsonPath("$['x y'][\"z\"]")).toEqual(["x y", "z"]);
    expect(() => parseJsonPath("records")).toThrow(MappingError);
  });
  it("evaluates paths; missing steps give undefined", () => {
    const doc = { a: { b: [10, 20] } };
    expect(evaluatePath(doc, ["a", "b", 1])).toBe(20);
    expect(evaluatePath(doc, ["a", "x"])).toBeUndefined();
    expect(evaluatePath(doc, ["a", "b", "c"])).toBeUndefined();
  });
  it("resolves both mapping element forms against the table", () => {
    const columns = [
      { name: "Raw", type: "dynamic" as const },
      { name: "When", type: "datetime" as const },
      { name: "Tag", type: "string" as const },
    ];
    const m = resolveMapping(
      '[{"column":"Raw","path":"$","datatype":"dynamic","transform":null},{"column":"When","Properties":{"Path":"$.t","Transform":"DateTimeFromUnixSeconds"}},{"column":"Tag","Properties":{"ConstValue":"k"}}]',
      columns,
      "json",
    );
    expect(m.map((x) => [x.column, x.ordinal, x.path, x.transform, x.constValue])).toEqual([
      ["Raw", 0, [], null, null],
      ["When", 1, ["t"], "DateTimeFromUnixSeconds", null],
      ["Tag", 2, null, null, "k"],
    ]);
    expect(() => resolveMapping('[{"column":"Nope","path":"$"}]', columns, "json")).toThrow(/Nope/);
    expect(() =>
      resolveMapping('[{"column":"Raw","Properties":{"Path":"$","Transform":"SourceLocation"}}]', columns, "json"),
    ).toThrow(/not supported/);
  });
});

describe("value conversion", () => {
  it("parses datetimes to 100-ns ticks, applying offsets", () => {
    expect(parseDatetimeNs("2026-01-05T10:00:00.1234567Z")).toBe(1767607200123456700n);
    expect(parseDatetimeNs("2026-01-05T12:00:00+02:00")).toBe(1767607200000000000n);
    expect(parseDatetimeNs("2026-01-05")).toBe(1767571200000000000n);
    expect(parseDatetimeNs("2026-13-05T00:00:00Z")).toBeNull();
    expect(parseDatetimeNs("yesterday")).toBeNull();
  });
  it("converts like ADX: failures are null, strings never null", () => {
    expect(toCell(undefined, "string")).toBe("");
    expect(toCell({ a: 1 }, "string")).toBe('{"a":1}');
    expect(toCell("12", "long")).toBe(12n);
    expect(toCell(12.9, "long")).toBe(12n);
    expect(toCell("1.5", "long")).toBeNull();
    expect(toCell(3000000000, "int")).toBeNull();
    expect(toCell("x", "real")).toBeNull();
    expect(toCell("TRUE", "bool")).toBe(true);
    expect(toCell("6F9619FF-8B86-D011-B42D-00CF4FC964FF", "guid")).toBe("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
    expect(toCell("text", "dynamic")).toBe('"text"');
    expect(toCell(1700000000, "datetime", "DateTimeFromUnixSeconds")).toBe(1700000000000000000n);
    expect(toCell("00:01:00", "timespan")).toBe(600000000n);
  });
});

describe("CSV", () => {
  it("reads quotes, escaped quotes, commas and CRLF", () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,,3\n')).toEqual([
      ["a", "b,c", 'd "e"'],
      ["1", "", "3"],
    ]);
    expect(parseCsv('"multi\nline",x')).toEqual([["multi\nline", "x"]]);
    expect(() => parseCsv('"open')).toThrow(/closing quote/);
  });
});

describe("shared CTE prefixes", () => {
  const q = (tail: string) =>
    `WITH "_q1" AS (SELECT "Raw" FROM t),\n"_q2" AS (SELECT unnest(x) AS "r" FROM "_q1"),\n"_q3" AS (${tail})\nSELECT * FROM "_q3"`;
  it("finds the common parameter-free prefix and rewrites each query to read it", () => {
    const a = splitCtes(q(`SELECT 1 FROM "_q2" WHERE c = CAST($1 AS VARCHAR)`))!;
    const b = splitCtes(q(`SELECT 2 FROM "_q2" WHERE c = 'it''s (x)'`))!;
    expect(a.ctes.map((c) => c.name)).toEqual(["_q1", "_q2", "_q3"]);
    expect(sharedPrefixLength([a, b])).toBe(2);
    expect(prefixSql(a, 2)).toBe(
      `WITH "_q1" AS (SELECT "Raw" FROM t),\n"_q2" AS (SELECT unnest(x) AS "r" FROM "_q1")\nSELECT * FROM "_q2"`,
    );
    expect(rewriteWithShared(b, 2, "temp.s")).toBe(
      `WITH "_q2" AS (SELECT * FROM temp.s),\n"_q3" AS (SELECT 2 FROM "_q2" WHERE c = 'it''s (x)')\nSELECT * FROM "_q3"`,
    );
  });
  it("shares nothing for one query, different queries or bound parameters", () => {
    const a = splitCtes(q("SELECT 1"))!;
    expect(sharedPrefixLength([a])).toBe(0);
    const withParam = splitCtes(`WITH "_q1" AS (SELECT $1),\n"_q2" AS (SELECT 1)\nSELECT 1`)!;
    expect(sharedPrefixLength([withParam, withParam])).toBe(0);
    expect(splitCtes("SELECT 1")).toBeNull();
  });
});
