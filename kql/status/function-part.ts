/** Compares a table's `Filter<Table>()` in the cluster with the one the console generates. */
import type { CatalogTable } from "@/kql/catalog";
import { filterFunctionName } from "@/kql/catalog";
import { buildFilterFunctionBody } from "@/kql/generate/function";
import type { ClusterState } from "@/kql/state";

import type { PartState } from "./types";

/** How the cluster's `Filter<Table>()` compares with the generated one. */
export interface FunctionComparison {
  readonly name: string;
  readonly state: PartState;
  /** Sentences saying what is missing or differs; empty when `ok`. */
  readonly reasons: readonly string[];
  /** The generated body, without braces. */
  readonly expectedBody: string;
  /** The cluster's body without its braces, `null` when the function is missing. */
  readonly actualBody: string | null;
}

/** The body without the braces `.show functions` keeps around it. */
export function stripBraces(body: string): string {
  const trimmed = body.trim();
  return trimmed.startsWith("{") && trimmed.endsWith("}") ? trimmed.slice(1, -1) : trimmed;
}

// Whitespace next to an operator or punctuation never changes a KQL query's meaning, so it is dropped; elsewhere runs
// collapse to one space. (This also ignores spacing inside string literals: no generated literal contains any.)
const PUNCTUATION_SPACE = /\s*([|,=()[\]{}.:;<>!+*/-])\s*/g;

/**
 * A function body in comparable form: braces stripped, whitespace-insensitive. Two bodies that differ only in line
 * breaks, indentation or spacing around operators normalise to the same text.
 */
export function normalizeFunctionBody(body: string): string {
  return stripBraces(body).replace(/\s+/g, " ").replace(PUNCTUATION_SPACE, "$1").trim();
}

const MAX_QUOTED = 100;
const quoteLine = (line: string): string =>
  JSON.stringify(line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED)}…` : line);

/** The first line that differs (each line normalised, blank lines skipped), as a sentence; `null` when none does. */
function firstDifferingLine(actual: string, expected: string): string | null {
  const lines = (text: string) =>
    text
      .split(/\r?\n/)
      .map((l) => normalizeFunctionBody(l))
      .filter((l) => l !== "");
  const a = lines(actual);
  const e = lines(expected);
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    const got = a[i];
    const want = e[i];
    if (got === want) continue;
    if (got === undefined) return `it ends where the generated one continues with ${quoteLine(want ?? "")}`;
    if (want === undefined) return `it has extra text from line ${i + 1}: ${quoteLine(got)}`;
    return `line ${i + 1} is ${quoteLine(got)} in the cluster but ${quoteLine(want)} in the generated function`;
  }
  return null;
}

const PROJECT = "|project ";

/** Splits on commas outside parentheses, brackets and string literals. */
function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      items.push(list.slice(start, i));
      start = i + 1;
    }
  }
  items.push(list.slice(start));
  return items;
}

/** The normalised body split into what precedes its last `project` and that projection's columns (name → expression). */
function lastProjection(normalized: string): { head: string; columns: Map<string, string> } | null {
  const at = normalized.lastIndexOf(PROJECT);
  if (at < 0) return null;
  const columns = new Map<string, string>();
  for (const item of splitTopLevel(normalized.slice(at + PROJECT.length))) {
    const eq = item.indexOf("=");
    columns.set(eq < 0 ? item : item.slice(0, eq), eq < 0 ? item : item.slice(eq + 1));
  }
  return { head: normalized.slice(0, at), columns };
}

const names = (list: readonly string[]): string => list.join(", ");

/**
 * What differs, in words. The generated functions differ from older ones mostly in their column list, so that is
 * described by column (missing, extra, converted differently); anything else by its first differing line.
 */
function describeDifference(actual: string, expected: string): string | null {
  const a = lastProjection(normalizeFunctionBody(actual));
  const e = lastProjection(normalizeFunctionBody(expected));
  if (!a || !e || a.head !== e.head) return firstDifferingLine(actual, expected);
  const hints: string[] = [];
  const missing = [...e.columns.keys()].filter((c) => !a.columns.has(c));
  const extra = [...a.columns.keys()].filter((c) => !e.columns.has(c));
  const changed = [...e.columns].filter(([c, expr]) => a.columns.has(c) && a.columns.get(c) !== expr);
  if (missing.length) hints.push(`it does not project ${names(missing)}`);
  if (extra.length) hints.push(`it projects ${names(extra)}, which the catalog does not have`);
  for (const [column, expr] of changed) {
    hints.push(`it computes ${column} as ${quoteLine(a.columns.get(column) ?? "")} instead of ${quoteLine(expr)}`);
  }
  if (!hints.length && [...a.columns.keys()].join() !== [...e.columns.keys()].join()) {
    hints.push("it projects the columns in another order");
  }
  return hints.length ? hints.join("; ") : firstDifferingLine(actual, expected);
}

/**
 * Compares `Filter<Table>()` with the generated one. Folder and docstring are not compared: they do not change what
 * the update policy ingests, and the user may have moved the function.
 * @throws {KqlNameError} when the Staging table name breaks ADX's entity-name rules
 */
export function compareFunction(
  table: CatalogTable,
  state: ClusterState,
  options: { readonly stagingTable: string },
): FunctionComparison {
  const name = filterFunctionName(table.name);
  const expectedBody = buildFilterFunctionBody(table, options);
  const fn = state.functions[name];
  if (!fn) {
    return { name, state: "missing", reasons: [`Function ${name} is missing`], expectedBody, actualBody: null };
  }
  const actualBody = stripBraces(fn.body);
  const reasons: string[] = [];
  if (fn.parameters.replace(/\s+/g, "") !== "()") {
    reasons.push(`Function ${name} takes parameters ${fn.parameters}, but the update policy calls it without any`);
  }
  if (normalizeFunctionBody(actualBody) !== normalizeFunctionBody(expectedBody)) {
    const where = describeDifference(actualBody, expectedBody);
    reasons.push(`Function ${name} differs from the generated one${where ? `: ${where}` : ""}`);
  }
  return { name, state: reasons.length ? "drifted" : "ok", reasons, expectedBody, actualBody };
}
