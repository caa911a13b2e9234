/**
 * `object_text`: DuckDB decides, when a message is queued, whether its text is one JSON object exactly as
 * `JSON.parse` accepts it. Compared with JavaScript's own reading of the same texts — edge cases, random mutations of
 * valid objects, and real simulator messages — a text marked `object_text` must be one `JSON.parse` accepts as an
 * object, verbatim; texts that are valid plain objects must be marked (else the SQL staging would never run).
 */
import { DuckDBInstance, listValue, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defenderTables } from "@/kql/catalog";
import { generateMessages } from "@/local/stream";
import { createRng } from "@/local/stream/rng";
import { splitMultiJson } from "./json-text";
import { objectTextSql } from "./queue-sql";

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** DuckDB's verdict for each text, in order. */
async function objectText(texts: readonly string[]): Promise<boolean[]> {
  const reader = await connection.runAndReadAll(
    `SELECT ${objectTextSql("t")} AS ok FROM (SELECT unnest($1::VARCHAR[]) AS t, generate_subscripts($1::VARCHAR[], 1) AS i) ORDER BY i`,
    [listValue([...texts])],
  );
  return reader.getRowObjectsJS().map((r) => r.ok === true);
}

/** What the JavaScript path makes of a multijson message: exactly one object record, checked, kept verbatim. */
function javascriptTakesVerbatim(text: string): boolean {
  try {
    const records = splitMultiJson(text);
    if (records.length !== 1 || records[0]!.text !== text) return false;
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}

const EDGE_CASES = [
  '{"a":1}',
  "{}",
  '{"a":1,}',
  '{"a":[1,]}',
  '{"a":[1, ]}',
  '{"a":{"b":1,\n}}',
  '{"a":NaN}',
  '{"a":nan}',
  '{"a": -Infinity}',
  '{"a":[inf]}',
  '{"a":[1,+INF]}',
  '{"a":1e999}',
  '{"a":01}',
  '{"a":.5}',
  '{"a":"\u0001"}',
  '{"a":"\\ud800"}',
  '{"a":"\\u00e9\\n\\"\\\\"}',
  "\uFEFF{}",
  "{} ",
  " {}",
  "{}\n{}",
  "[{}]",
  '[{"a":1}]',
  "{'a':1}",
  '{"a":1}//c',
  '{"a":tru}',
  '{"a":"x"}x',
  '{"a":1}}',
  '{"a":"NaN","b":"inf","c":"x, ]"}',
  '{"a":"Info, Infinity"}',
  '{"a":"x"}',
  '{"a":null,"b":[true,false,null],"c":{"d":-1.5e-3}}',
  '{"a":"é漢字🙂"}',
  '"x"',
  "1",
  "null",
  "",
];

describe("object_text", () => {
  it("marks only texts JSON.parse takes as one object, verbatim (edge cases)", async () => {
    const verdicts = await objectText(EDGE_CASES);
    const wrong = EDGE_CASES.filter((t, i) => verdicts[i] && !javascriptTakesVerbatim(t));
    expect(wrong).toEqual([]);
    // Plain objects are marked: the SQL path is the common one.
    const marked = EDGE_CASES.filter((_, i) => verdicts[i]);
    expect(marked).toEqual(
      expect.arrayContaining([
        '{"a":1}',
        "{}",
        '{"a":"x"}',
        '{"a":"é漢字🙂"}',
        '{"a":1e999}',
        '{"a":"\\u00e9\\n\\"\\\\"}',
      ]),
    );
  });

  it("agrees with JavaScript on random mutations of valid objects", async () => {
    const random = createRng("object-text");
    const rng = () => random.next();
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    const scalars = ["1", "-2.5e3", "0", "true", "false", "null", '"s"', '"a, ]"', '"NaN"', '"\\u0041\\n"', '"é"'];
    const value = (depth: number): string => {
      const r = rng();
      if (depth > 2 || r < 0.5) return pick(scalars);
      if (r < 0.75) return `[${Array.from({ length: Math.floor(rng() * 3) }, () => value(depth + 1)).join(",")}]`;
      return object(depth + 1);
    };
    const object = (depth: number): string =>
      `{${Array.from({ length: Math.floor(rng() * 4) }, (_, i) => `"k${i}":${value(depth)}`).join(",")}}`;
    const mutations = [
      (t: string) => t,
      (t: string) => t.replace(/(\d)([,\]}])/, "$1,$2"), // trailing comma
      (t: string) => t.replace(/\]/, ",]"),
      (t: string) => t.replace(/}$/, ",}"),
      (t: string) => t.replace(/:(-?\d[\d.e+-]*)/, `:${pick(["NaN", "nan", "Infinity", "-inf", "INF", "+nan"])}`),
      (t: string) => t.replace(/\[/, `[${pick(["NaN", "inf", " -Infinity"])},`),
      (t: string) => t.replace(/,/, ", \n"),
      (t: string) => ` ${t}`,
      (t: string) => `${t}\n`,
      (t: string) => {
        const i = Math.floor(rng() * t.length);
        return t.slice(0, i) + t.slice(i + 1);
      },
      (t: string) => {
        const i = Math.floor(rng() * t.length);
        return t.slice(0, i) + pick(['"', ",", "}", "]", "\\", "\u0000", "\t", "x"]) + t.slice(i);
      },
    ];
    const texts = Array.from({ length: 3000 }, () => pick(mutations)(object(0)));
    const verdicts = await objectText(texts);
    const wrong = texts.filter((t, i) => verdicts[i] && !javascriptTakesVerbatim(t));
    expect(wrong).toEqual([]);
    // Unmutated objects without a guarded pattern inside a string are all marked.
    const plain = texts.filter(
      (t) => javascriptTakesVerbatim(t) && !/[,:[]\s*[-+]?[nNiI][aAnN][nNfF]|,\s*[\]}]/.test(t),
    );
    const plainVerdicts = await objectText(plain);
    expect(plain.length).toBeGreaterThan(500);
    expect(plainVerdicts.every(Boolean)).toBe(true);
  });

  it("marks every message the Defender stream simulator sends", async () => {
    const messages = [
      ...generateMessages({
        count: 2600,
        seed: "object-text",
        recordsPerMessage: 10,
        tables: Object.fromEntries(defenderTables.map((t) => [t.name, 1])),
      }),
    ];
    expect((await objectText(messages)).every(Boolean)).toBe(true);
  });
});
