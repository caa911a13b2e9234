/** CSV as ADX reads it (RFC 4180): comma-separated, `"` quotes with `""` escapes, CRLF or LF line ends. */
import { FormatError } from "./json-text";

/** Splits CSV text into records of fields; a trailing newline does not make an empty record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let fields: string[] = [];
  let quoted = false;
  let i = 0;
  let fieldStart = true;
  const endField = () => {
    fields.push(field);
    field = "";
    fieldStart = true;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) records.push(fields);
    fields = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
    } else if (c === ",") {
      endField();
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      endRecord();
      i += 2;
    } else if (c === "\n") {
      endRecord();
      i++;
    } else {
      field += c;
      fieldStart = false;
      i++;
    }
  }
  if (quoted) throw new FormatError("Stream has a malformed CSV format: closing quote missing", text.length);
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
