/** Dynamic (JSON) values: property/index access, literals, and the element lists `mv-expand` unnests. */
import { Sql, sql, type SqlNode } from "./sql";

/** One step of a path: a property name or an array index (negative counts from the end). */
export type PathStep = { readonly key: string } | { readonly index: number };

/** A DuckDB JSONPath for constant steps: `$.a."b c"[0][#-1]`. */
export function jsonPath(steps: readonly PathStep[]): string {
  let path = "$";
  for (const s of steps) {
    if ("key" in s) {
      // Quoted keys take any character but the quote itself; such keys are addressed through JSON Pointer below.
      path += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.key) ? `.${s.key}` : `."${s.key}"`;
    } else path += s.index < 0 ? `[#${s.index}]` : `[${s.index}]`;
  }
  return path;
}

/** JSON Pointer (`/a/0`) for keys JSONPath cannot spell (a double quote inside the key). */
function jsonPointer(steps: readonly PathStep[]): string | null {
  let p = "";
  for (const s of steps) {
    if ("key" in s) p += `/${s.key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    else if (s.index < 0) return null;
    else p += `/${s.index}`;
  }
  return p;
}

/** The path text `json_extract` takes for constant steps (JSONPath, or JSON Pointer for keys with a quote). */
export function pathText(steps: readonly PathStep[]): string {
  const needsPointer = steps.some((s) => "key" in s && s.key.includes('"'));
  const pointer = needsPointer ? jsonPointer(steps) : null;
  return pointer ?? jsonPath(steps);
}

/** `d.a.b[0]` with constant steps; a missing key or index, or a path into a non-bag, gives SQL NULL. */
export function extractPath(base: SqlNode, steps: readonly PathStep[]): SqlNode {
  const path = pathText(steps);
  const node = sql`json_extract(${base}, ${Sql.str(path)})`;
  constantPaths.set(node, { base, path });
  return node;
}

/** The nodes `extractPath` made, with what they read: a later operator may read the path more cheaply. */
const constantPaths = new WeakMap<SqlNode, { readonly base: SqlNode; readonly path: string }>();

/** The base and JSONPath of a node made by `extractPath` (null for any other node, or a JSON Pointer path). */
export function constantPathOf(node: SqlNode): { readonly base: SqlNode; readonly path: string } | null {
  const found = constantPaths.get(node);
  return found && found.path.startsWith("$") ? found : null;
}

/** `d[expr]` with a computed key (string) or index (long). */
export function extractDynamicKey(base: SqlNode, key: SqlNode, isIndex: boolean): SqlNode {
  if (isIndex) {
    return sql`json_extract(${base}, CASE WHEN ${key} < 0 THEN '$[#' || CAST(${key} AS VARCHAR) || ']' ELSE '$[' || CAST(${key} AS VARCHAR) || ']' END)`;
  }
  return sql`json_extract(${base}, '/' || replace(replace(${key}, '~', '~0'), '/', '~1'))`;
}

/** A dynamic literal from its JSON text. */
export function dynamicLiteral(json: string | null): SqlNode {
  if (json === null) return Sql.raw("CAST(NULL AS JSON)");
  return sql`CAST(${Sql.str(json)} AS JSON)`;
}

/** True when a dynamic value is null (SQL NULL or JSON null). */
export function dynamicIsNull(d: SqlNode): SqlNode {
  return sql`(${d} IS NULL OR json_type(${d}) = 'NULL')`;
}

/**
 * The list `mv-expand` unnests for one dynamic value: array → its elements; bag → one single-key bag (or
 * `[key, value]` pair) per key; null or a scalar → itself once; an empty array or bag → nothing. The type is read
 * from the first character of the JSON text (cheap) instead of parsing the value once more with `json_type`.
 */
export function expansionList(d: SqlNode, bagKind: "bag" | "array"): SqlNode {
  return sql`(CASE left(ltrim(${d}), 1) WHEN '[' THEN json_extract(${d}, '$[*]') WHEN '{' THEN ${perKeyList(d, bagKind)} ELSE [${d}] END)`;
}

function perKeyList(d: SqlNode, bagKind: "bag" | "array"): SqlNode {
  const value = sql`json_extract(${d}, '/' || replace(replace(k, '~', '~0'), '/', '~1'))`;
  const perKey = bagKind === "bag" ? sql`json_object(k, ${value})` : sql`json_array(k, ${value})`;
  return sql`list_transform(json_keys(${d}), k -> ${perKey})`;
}

/**
 * `expansionList` of `base` at a constant JSONPath (`mv-expand Raw.records`) without extracting the value first:
 * the type is read at the path, and an array's elements come straight from `base` (`$.records[*]`). Extracting
 * the array as text and parsing that text again costs about as much as the rest of the expansion.
 */
export function pathExpansionList(base: SqlNode, path: string, bagKind: "bag" | "array"): SqlNode {
  const d = sql`json_extract(${base}, ${Sql.str(path)})`;
  return sql`(CASE json_type(${base}, ${Sql.str(path)}) WHEN 'ARRAY' THEN json_extract(${base}, ${Sql.str(`${path}[*]`)}) WHEN 'OBJECT' THEN ${perKeyList(d, bagKind)} ELSE [${d}] END)`;
}
