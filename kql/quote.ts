/**
 * Quoting for names and literals in KQL text, following Kusto's own rules (Kusto.Language `KustoFacts`:
 * bracket a name only when necessary, escape string literals). Management commands cannot take query
 * parameters, so every name and literal the console puts into a command goes through this module.
 */

/**
 * Kusto keywords that cannot stand as a bare name. Kusto is case-sensitive and its keywords are lowercase,
 * so `Type` or `Count` stay bare while `type`, `count` or `where` get bracketed. Bracketing a name that did not
 * need it is always valid KQL, so the list errs on the side of inclusion (operators, clauses, literals, types).
 */
const KUSTO_KEYWORDS: ReadonlySet<string> = new Set(
  [
    "access alias and as asc ascending between by cluster consume contains count database declare default",
    "desc descending distinct evaluate extend externaldata facet filter find first fork from getschema",
    "has in inner into invoke join kind last let limit lookup macro-expand make-series materialize",
    "materialized_view mv-apply mv-expand nulls of on or order outer parse parse-where partition pattern",
    "print project project-away project-keep project-rename project-reorder query_parameters range reduce",
    "render restrict sample sample-distinct scan search serialize set sort step summarize table take to",
    "top top-hitters top-nested typeof union where with withsource external_table entity_group graph",
    "toscalar totable true false null bool boolean date datetime decimal double dynamic float guid int",
    "int64 long real string time timespan uniqueid",
  ]
    .join(" ")
    .split(" "),
);

/** A plain Kusto identifier: a letter or `_` followed by letters, digits or `_` (ASCII, like KustoFacts). */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * True when `name` can be written bare in KQL: it is a plain identifier and not a Kusto keyword.
 *
 * @example isPlainIdentifier("DeviceName") // true
 * @example isPlainIdentifier("where") // false
 */
export function isPlainIdentifier(name: string): boolean {
  return PLAIN_IDENTIFIER.test(name) && !KUSTO_KEYWORDS.has(name);
}

/**
 * Writes a name (table, column, function, mapping) for use in KQL: as is when it is a plain identifier,
 * otherwise bracket-quoted `['…']` with string-literal escaping, which Kusto accepts wherever a name goes.
 *
 * @example quoteIdentifier("Staging") // Staging
 * @example quoteIdentifier("My Table") // ['My Table']
 * @example quoteIdentifier("it's") // ['it\'s']
 */
export function quoteIdentifier(name: string): string {
  return isPlainIdentifier(name) ? name : `['${escapeLiteralBody(name, "'")}']`;
}

/**
 * Writes a double-quoted Kusto string literal. Backslash, the quote and the control characters that would
 * otherwise break the line (`\n`, `\r`, `\t`) are escaped, so the literal always ends where it should.
 *
 * @example quoteStringLiteral('say "hi"') // "say \"hi\""
 */
export function quoteStringLiteral(value: string): string {
  return `"${escapeLiteralBody(value, '"')}"`;
}

/**
 * Writes a single-quoted Kusto string literal, escaped like {@link quoteStringLiteral}. Used where JSON goes inside
 * a literal (ingestion mappings, `Properties['key']`), so the JSON's own double quotes need no escaping.
 *
 * @example quoteSingleQuotedLiteral(`[{"column":"Raw"}]`) // '[{"column":"Raw"}]'
 */
export function quoteSingleQuotedLiteral(value: string): string {
  return `'${escapeLiteralBody(value, "'")}'`;
}

/**
 * Writes a verbatim Kusto string literal `@'…'`: no backslash escapes, a single quote is doubled. This is
 * the form for JSON bodies (policies, ingestion mappings), whose own backslashes must reach ADX untouched.
 *
 * @example quoteVerbatimLiteral(`[{"a":"it's"}]`) // @'[{"a":"it''s"}]'
 */
export function quoteVerbatimLiteral(value: string): string {
  return `@'${value.replace(/'/g, "''")}'`;
}

/** Thrown when a user-supplied entity name breaks ADX's entity-name rules. */
export class KqlNameError extends Error {
  /** The rejected name, exactly as given. */
  readonly entityName: string;
  /** What the name was for (e.g. `"Staging table name"`), as used in the message. */
  readonly what: string;

  constructor(entityName: string, what: string, rule: string) {
    super(`Invalid ${what} ${JSON.stringify(entityName)}: ${rule}`);
    this.name = "KqlNameError";
    this.entityName = entityName;
    this.what = what;
  }
}

/** Maximum length of an ADX entity name (tables, databases, functions, mappings). */
export const MAX_ENTITY_NAME_LENGTH = 1024;

// Unicode letters and digits are allowed by ADX ("letters, digits"), plus `_`, space, `.` and `-`.
const ENTITY_NAME_CHARS = /^[\p{L}\p{Nd}_ .-]+$/u;

/**
 * Checks a name a user can type (database, Staging table, mapping) against ADX's entity-name rules —
 * letters, digits, `_`, space, `.`, `-`; 1 to 1024 characters; not only whitespace — and returns it unchanged.
 * Quoting alone would already keep `x; .drop table y` inside one name; rejecting it up front gives the user a
 * clear message instead of an `EntityNameIsNotValid` error from the cluster.
 *
 * @param name the name to check
 * @param what what the name is for, used in the error message (e.g. `"Staging table name"`)
 * @throws {KqlNameError} naming the rule that the name breaks
 */
export function validateEntityName(name: string, what: string): string {
  if (name.length === 0) throw new KqlNameError(name, what, "it must not be empty");
  if (name.length > MAX_ENTITY_NAME_LENGTH) {
    throw new KqlNameError(
      name,
      what,
      `it must be at most ${MAX_ENTITY_NAME_LENGTH} characters long (got ${name.length})`,
    );
  }
  if (name.trim().length === 0) throw new KqlNameError(name, what, "it must not consist only of whitespace");
  if (!ENTITY_NAME_CHARS.test(name)) {
    const bad = [...name].find((ch) => !ENTITY_NAME_CHARS.test(ch)) ?? "";
    throw new KqlNameError(
      name,
      what,
      `it may contain only letters, digits, underscores (_), spaces, dots (.) and dashes (-); found ${JSON.stringify(bad)}`,
    );
  }
  return name;
}

function escapeLiteralBody(value: string, quote: "'" | '"'): string {
  let out = "";
  for (const ch of value) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      default:
        out += ch === quote ? `\\${quote}` : ch;
    }
  }
  return out;
}
