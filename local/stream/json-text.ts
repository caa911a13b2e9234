/**
 * JSON serialization that keeps bigint values as exact integer literals.
 * DeviceInfo/DeviceNetworkInfo ReportIds have 18 digits; a JS number would round them, and a real
 * payload carries them as bare JSON integers, so JSON.stringify (which throws on bigint) cannot be used.
 */
export type JsonValue =
  null | boolean | number | bigint | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

export function toJsonText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "null";
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "string":
    case "boolean":
      return JSON.stringify(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map((v: JsonValue) => toJsonText(v)).join(",")}]`;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value as { [key: string]: JsonValue | undefined })) {
    // undefined means "key absent", as JSON.stringify does.
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${toJsonText(v)}`);
  }
  return `{${parts.join(",")}}`;
}
