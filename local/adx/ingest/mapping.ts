/**
 * Ingestion mappings: which value of a record goes into which column. Accepts both element forms ADX reads —
 * the documented `{"column","Properties":{"Path","ConstValue","Transform"}}` and the older flat
 * `{"column","path","datatype","transform"}` the seed article uses — and JSON paths `$`, `$.a.b`, `$['x']`,
 * `$["x"]`, `$.a[0]`.
 */
import type { ColumnInfo } from "../storage/catalog";

/** One step of a JSON path: a property name or an array index. */
export type PathStep = string | number;

/** How ADX post-processes a mapped value (the subset the local engine implements). */
export type MappingTransform =
  | "DateTimeFromUnixSeconds"
  | "DateTimeFromUnixMilliseconds"
  | "DateTimeFromUnixMicroseconds"
  | "DateTimeFromUnixNanoseconds";

/** A mapping element resolved against the table: the target column's ordinal and where its value comes from. */
export interface ColumnMapping {
  readonly column: string;
  readonly ordinal: number;
  /** JSON path steps (JSON formats); `[]` is the whole record (`$`). Null when a constant is used. */
  readonly path: readonly PathStep[] | null;
  /** CSV: the 0-based field ordinal. */
  readonly csvOrdinal: number | null;
  readonly constValue: string | null;
  readonly transform: MappingTransform | null;
}

/** A mapping that cannot be used for this table (reported as an ingestion failure, permanent). */
export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}

const TRANSFORMS = new Set<string>([
  "DateTimeFromUnixSeconds",
  "DateTimeFromUnixMilliseconds",
  "DateTimeFromUnixMicroseconds",
  "DateTimeFromUnixNanoseconds",
]);

/** Parses `$`, `$.a.b`, `$['x']`, `$["x"]` and `$.a[0]` into steps. */
export function parseJsonPath(path: string): PathStep[] {
  if (!path.startsWith("$")) throw new MappingError(`JSON path '${path}' must start with '$'`);
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      const m = /^[^.[\]]+/.exec(path.slice(i + 1));
      if (!m) throw new MappingError(`JSON path '${path}': expected a property name at offset ${i + 1}`);
      steps.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === "[") {
      const rest = path.slice(i);
      const quoted = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(rest);
      const index = /^\[\s*(\d+)\s*\]/.exec(rest);
      if (quoted) {
        steps.push(quoted[2]!.replace(/\\(.)/g, "$1"));
        i += quoted[0].length;
      } else if (index) {
        steps.push(Number(index[1]));
        i += index[0].length;
      } else throw new MappingError(`JSON path '${path}': bad bracket expression at offset ${i}`);
    } else throw new MappingError(`JSON path '${path}': unexpected '${c}' at offset ${i}`);
  }
  return steps;
}

/** The value at `steps` in a parsed record; undefined when any step is missing. */
export function evaluatePath(record: unknown, steps: readonly PathStep[]): unknown {
  let v = record;
  for (const step of steps) {
    if (v === null || typeof v !== "object") return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(v)) return undefined;
      v = v[step];
    } else {
      if (Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[step];
    }
  }
  return v;
}

function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/**
 * Resolves a stored mapping's JSON text against the table's columns. Every element must name an existing column;
 * columns the mapping does not mention receive nulls (empty strings for string columns).
 */
export function resolveMapping(text: string, columns: readonly ColumnInfo[], kind: "json" | "csv"): ColumnMapping[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MappingError(`The mapping is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(json)) throw new MappingError("The mapping must be a JSON array");
  return json.map((raw, i) => {
    if (raw === null || typeof raw !== "object") throw new MappingError(`Mapping element ${i} is not an object`);
    const element = raw as Record<string, unknown>;
    const column = field(element, "column");
    if (typeof column !== "string") throw new MappingError(`Mapping element ${i} has no 'column'`);
    const ordinal = columns.findIndex((c) => c.name === column);
    if (ordinal < 0) {
      throw new MappingError(`Mapping element ${i} targets column '${column}', which table does not have`);
    }
    const props = (field(element, "Properties") ?? {}) as Record<string, unknown>;
    const path = field(element, "path") ?? field(props, "Path");
    const constValue = field(props, "ConstValue") ?? field(element, "ConstValue");
    const transformRaw = field(element, "transform") ?? field(props, "Transform");
    const transform =
      transformRaw === null || transformRaw === undefined || transformRaw === "" ? null : String(transformRaw);
    if (transform !== null && !TRANSFORMS.has(transform)) {
      throw new MappingError(
        `Mapping element ${i} (column '${column}'): transform '${transform}' is not supported by the local engine`,
      );
    }
    const ordinalRaw = field(element, "Ordinal") ?? field(props, "Ordinal");
    const csvOrdinal = kind === "csv" ? Number(ordinalRaw ?? i) : null;
    if (csvOrdinal !== null && !Number.isInteger(csvOrdinal))
      throw new MappingError(`Mapping element ${i}: bad Ordinal`);
    return {
      column,
      ordinal,
      path: kind === "json" && typeof path === "string" ? parseJsonPath(path) : null,
      csvOrdinal,
      constValue: constValue === undefined || constValue === null ? null : String(constValue),
      transform: transform as MappingTransform | null,
    };
  });
}

/** The mapping ADX uses when none is given: JSON properties by column name, CSV fields by position. */
export function identityMapping(columns: readonly ColumnInfo[], kind: "json" | "csv"): ColumnMapping[] {
  return columns.map((c, i) => ({
    column: c.name,
    ordinal: i,
    path: kind === "json" ? [c.name] : null,
    csvOrdinal: kind === "csv" ? i : null,
    constValue: null,
    transform: null,
  }));
}
