/**
 * JSON text helpers for ingestion: splitting `json` / `multijson` payloads into records, and a parse that keeps
 * integers beyond 2^53 exact (Defender's 18-digit ids would otherwise be rounded by `JSON.parse`).
 */

/** A JSON number kept as its source text because a JS number would lose digits. */
export class BigJsonNumber {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

/** A payload that is not valid in its declared format; `position` is a character offset into the text. */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "FormatError";
  }
}

/** One record's text and where it starts in the payload. */
export interface RecordText {
  readonly text: string;
  readonly start: number;
  /** Already known to be one valid JSON object (checked by `JSON.parse` while splitting). */
  readonly checked?: boolean;
}

const WS = new Set([" ", "\t", "\n", "\r", "\uFEFF"]);

/** End offset (exclusive) of the JSON value starting at `start` (an object or array), checking only nesting. */
function endOfValue(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) depth++;
    else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) break;
    }
  }
  throw new FormatError(`JSON value starting at position ${start} is not closed (unbalanced braces or quotes)`, start);
}

/**
 * `multijson`: a JSON array of objects, or objects separated by whitespace, possibly spanning lines. Each element
 * or object is one record; its text is returned verbatim (validated later by `parseJsonRecord`).
 */
export function splitMultiJson(text: string): RecordText[] {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  skip();
  // The common case, one object per payload (an Event Hub message): the engine's native parser checks it at once,
  // ~3× faster than scanning it here and parsing it again later. Anything else takes the scan below, unchanged.
  if (text[i] === "{") {
    const whole = singleObject(text, i);
    if (whole) return [whole];
  }
  if (text[i] === "[") {
    const end = endOfValue(text, i);
    const rest = text.slice(end).trim();
    if (rest !== "") throw new FormatError(`Unexpected text after the top-level JSON array at position ${end}`, end);
    return splitArrayElements(text, i, end);
  }
  const out: RecordText[] = [];
  while (i < text.length) {
    if (text[i] !== "{") {
      throw new FormatError(`Expected a JSON object at position ${i}, found '${text.slice(i, i + 20)}'`, i);
    }
    const end = endOfValue(text, i);
    out.push({ text: text.slice(i, end), start: i });
    i = end;
    skip();
    // Objects may also be separated by commas (a common producer habit the ADX reader tolerates ❓): skip one.
    if (text[i] === ",") {
      i++;
      skip();
    }
  }
  return out;
}

function singleObject(text: string, start: number): RecordText | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  // JSON.parse allows only JSON whitespace around the value, all of which WS skips too.
  let end = text.length;
  while (end > start && WS.has(text[end - 1]!)) end--;
  return { text: text.slice(start, end), start, checked: true };
}

/**
 * Checks that a record is valid JSON holding an object, without building the exact value (for mappings that only
 * keep the record's text). Anything `JSON.parse` refuses goes through `parseJsonRecord`, so the same texts are
 * accepted and the same errors reported as when parsing.
 * @throws FormatError
 */
export function checkJsonObject(record: RecordText): void {
  if (record.checked) return;
  let value: unknown;
  try {
    value = JSON.parse(record.text);
  } catch {
    value = parseJsonRecord(record);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new FormatError(`The record at position ${record.start} is not a JSON object`, record.start);
  }
}

function splitArrayElements(text: string, open: number, end: number): RecordText[] {
  const out: RecordText[] = [];
  let i = open + 1;
  while (i < end - 1) {
    while (i < end - 1 && (WS.has(text[i]!) || text[i] === ",")) i++;
    if (i >= end - 1) break;
    if (text[i] !== "{") throw new FormatError(`Expected a JSON object inside the array at position ${i}`, i);
    const close = endOfValue(text, i);
    out.push({ text: text.slice(i, close), start: i });
    i = close;
  }
  return out;
}

/** `json`: one object per line; blank lines are skipped. */
export function splitJsonLines(text: string): RecordText[] {
  const out: RecordText[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed !== "") out.push({ text: trimmed, start: start + line.indexOf(trimmed) });
    start += line.length + 1;
  }
  return out;
}

// A number token with 16+ digits may exceed 2^53; only then is the slower exact parser needed.
const LONG_NUMBER = /[-\d]\d{15,}/;

/** Parses a record's JSON text; integers that JS cannot hold exactly become `BigJsonNumber`. */
export function parseJsonRecord(record: RecordText): unknown {
  try {
    if (!LONG_NUMBER.test(record.text)) return JSON.parse(record.text);
    return new ExactParser(record.text).parseDocument();
  } catch (error) {
    if (error instanceof FormatError) throw new FormatError(error.message, record.start + error.position);
    const detail = (error as Error).message;
    throw new FormatError(`Invalid JSON in the record at position ${record.start}: ${detail}`, record.start);
  }
}

/** JSON text of a value produced by `parseJsonRecord` (big numbers written back verbatim). */
export function stringifyExact(value: unknown): string {
  if (value instanceof BigJsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringifyExact).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${stringifyExact(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A small strict JSON parser used only for records holding long numbers. */
class ExactParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseDocument(): unknown {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) this.fail("unexpected text after the JSON value");
    return v;
  }

  private fail(what: string): never {
    throw new FormatError(`Invalid JSON at offset ${this.i}: ${what}`, this.i);
  }

  private ws(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i]!)) this.i++;
  }

  private value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(`unexpected '${c ?? "end of text"}'`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("expected a property name");
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ":") this.fail("expected ':'");
      this.i++;
      out[key] = this.value();
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return out;
      if (c !== ",") this.fail("expected ',' or '}'");
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return out;
      if (c !== ",") this.fail("expected ',' or ']'");
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === "\\") this.i += 2;
      else if (c === '"') {
        this.i++;
        return JSON.parse(this.s.slice(start, this.i)) as string;
      } else this.i++;
    }
    return this.fail("unterminated string");
  }

  private number(): number | BigJsonNumber {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) return this.fail("bad number");
    this.i += m[0].length;
    const n = Number(m[0]);
    if (!m[1] && !m[2] && !Number.isSafeInteger(n)) return new BigJsonNumber(m[0]);
    return n;
  }
}
