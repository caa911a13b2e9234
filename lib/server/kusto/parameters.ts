import "server-only";
import type { KustoParameterValue } from "./executor";

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The wire form of one `query_parameters` value: strings as themselves, whole numbers as JSON numbers (long),
 * everything else as a KQL literal in a string (adx-reference §5.2).
 */
export function toParameterValue(name: string, value: KustoParameterValue): string | number {
  if (!PARAMETER_NAME.test(name)) throw new TypeError(`Invalid query parameter name: ${JSON.stringify(name)}`);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return `bool(${value})`;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`Query parameter ${name} is an invalid date`);
    return `datetime(${value.toISOString()})`;
  }
  if (!Number.isFinite(value)) throw new TypeError(`Query parameter ${name} is not a finite number`);
  return Number.isSafeInteger(value) ? value : `real(${value})`;
}
