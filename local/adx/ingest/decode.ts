/**
 * From a blob (one message, one `.ingest inline` text, one streaming request) to typed rows of the target table:
 * split by format, apply the mapping, convert each value to its column type.
 */
import type { Catalog, ColumnInfo, TableInfo } from "../storage/catalog";
import { KustoError } from "../rest/errors";
import { parseCsv } from "./csv";
import {
  checkJsonObject,
  FormatError,
  parseJsonRecord,
  type RecordText,
  splitJsonLines,
  splitMultiJson,
} from "./json-text";
import { type ColumnMapping, evaluatePath, identityMapping, MappingError, resolveMapping } from "./mapping";
import { type CellValue, toCell } from "./values";

/** The data formats the local engine ingests. */
export type IngestFormat = "json" | "multijson" | "csv";

/** Reads a `format` / `streamFormat` value (any case); other ADX formats are refused clearly. */
export function ingestFormatOf(value: string | undefined | null): IngestFormat {
  const v = (value ?? "csv").trim().toLowerCase();
  if (v === "json" || v === "multijson" || v === "csv") return v;
  throw KustoError.notSupported(`The ingestion format '${value}' (supported: csv, json, multijson)`);
}

/**
 * The column mappings for an ingestion: the named table-scope mapping (kind json for json/multijson, csv for
 * csv), or the identity mapping when none is named.
 * @throws KustoError `BadRequest_MappingReferenceWasNotFound` for an unknown mapping name
 * @throws MappingError when the mapping does not fit the table
 */
export function mappingsFor(
  catalog: Catalog,
  table: TableInfo,
  format: IngestFormat,
  mappingName: string | null,
): ColumnMapping[] {
  const kind = format === "csv" ? "csv" : "json";
  if (!mappingName) return identityMapping(table.columns, kind);
  const found = catalog.mappings.find(
    (m) => m.table === table.name && m.name === mappingName && m.kind.toLowerCase() === kind,
  );
  if (!found) {
    throw new KustoError(
      400,
      "BadRequest_MappingReferenceWasNotFound",
      "Kusto.Data.Exceptions.KustoBadRequestException",
      `Mapping reference '${mappingName}' of kind '${kind === "csv" ? "Csv" : "Json"}' in table '${table.name}' was not found.`,
    );
  }
  return resolveMapping(found.mapping, table.columns, kind);
}

/** Rows decoded from one blob, plus its size for extent statistics. */
export interface DecodedBlob {
  readonly rows: CellValue[][];
  readonly rawBytes: number;
}

function emptyRow(columns: readonly ColumnInfo[]): CellValue[] {
  return columns.map((c) => (c.type === "string" ? "" : null));
}

// `$` into a dynamic column keeps the record's text verbatim (exact numbers, no re-serialisation).
export const keepsText = (m: ColumnMapping, columns: readonly ColumnInfo[]) =>
  m.path !== null && m.path.length === 0 && columns[m.ordinal]!.type === "dynamic" && m.transform === null;

/** Whether any mapping reads a value out of the record (else the record is only checked, not parsed exactly). */
function readsValues(columns: readonly ColumnInfo[], mappings: readonly ColumnMapping[]): boolean {
  return mappings.some((m) => m.constValue === null && m.path !== null && !keepsText(m, columns));
}

function jsonRow(
  record: RecordText,
  columns: readonly ColumnInfo[],
  mappings: readonly ColumnMapping[],
  parse: boolean,
): CellValue[] {
  let doc: unknown = null;
  if (parse) {
    doc = parseJsonRecord(record);
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      throw new FormatError(`The record at position ${record.start} is not a JSON object`, record.start);
    }
  } else checkJsonObject(record);
  const row = emptyRow(columns);
  for (const m of mappings) {
    const type = columns[m.ordinal]!.type;
    if (m.constValue !== null) row[m.ordinal] = toCell(m.constValue, type);
    else if (m.path === null) continue;
    else if (keepsText(m, columns)) row[m.ordinal] = record.text;
    else row[m.ordinal] = toCell(evaluatePath(doc, m.path), type, m.transform);
  }
  return row;
}

function csvRow(
  fields: readonly string[],
  columns: readonly ColumnInfo[],
  mappings: readonly ColumnMapping[],
): CellValue[] {
  const row = emptyRow(columns);
  for (const m of mappings) {
    const type = columns[m.ordinal]!.type;
    if (m.constValue !== null) {
      row[m.ordinal] = toCell(m.constValue, type);
      continue;
    }
    const text = m.csvOrdinal === null ? undefined : fields[m.csvOrdinal];
    if (text === undefined) continue;
    if (type === "dynamic") {
      // ADX parses a CSV field that holds JSON; anything else is kept as a string value.
      let value: unknown = text;
      try {
        value = text === "" ? null : JSON.parse(text);
      } catch {
        value = text;
      }
      row[m.ordinal] = toCell(value, type);
    } else row[m.ordinal] = toCell(text === "" && type !== "string" ? null : text, type, m.transform);
  }
  return row;
}

/**
 * Decodes one blob into rows of the table's columns.
 * @throws FormatError for malformed data (the whole blob fails, as in ADX)
 */
export function decodeBlob(
  text: string,
  format: IngestFormat,
  table: TableInfo,
  mappings: readonly ColumnMapping[],
): DecodedBlob {
  const rawBytes = Buffer.byteLength(text, "utf8");
  if (format === "csv") {
    return { rows: parseCsv(text).map((f) => csvRow(f, table.columns, mappings)), rawBytes };
  }
  const records = format === "json" ? splitJsonLines(text) : splitMultiJson(text);
  const parse = readsValues(table.columns, mappings);
  return { rows: records.map((r) => jsonRow(r, table.columns, mappings, parse)), rawBytes };
}

export { FormatError, MappingError };
