import type { Rng } from "./rng";

export type MalformedKind = "truncated" | "not-json" | "records-not-array" | "non-object-records" | "wrong-types";

export const MALFORMED_KINDS: readonly MalformedKind[] = [
  "truncated",
  "not-json",
  "records-not-array",
  "non-object-records",
  "wrong-types",
];

/**
 * Damages a valid message the ways a broken producer or transport does, so the engine's ingestion-failure path
 * and the console's failures view see real input. `valid` is a well-formed message's JSON text.
 */
export function malformMessage(rng: Rng, valid: string, kind: MalformedKind = rng.pick(MALFORMED_KINDS)): string {
  switch (kind) {
    case "truncated":
      return valid.slice(0, rng.int(1, Math.max(1, valid.length - 2)));
    case "not-json":
      return rng.pick(["records: []", "<html><body>502 Bad Gateway</body></html>", "\u0000\u0001binary", ""]);
    case "records-not-array": {
      const parsed = JSON.parse(valid) as { records: unknown[] };
      return JSON.stringify({ records: parsed.records[0] ?? {} });
    }
    case "non-object-records":
      return JSON.stringify({ records: [rng.pick(["AdvancedHunting-DeviceEvents", 42, null, true]), [1, 2, 3]] });
    case "wrong-types": {
      // Valid JSON, wrong shapes: properties as a string, category as a number, time as epoch seconds.
      const parsed = JSON.parse(valid) as { records: Record<string, unknown>[] };
      const records = parsed.records.map((r) => ({
        ...r,
        time: Math.floor(Date.parse(String(r.time)) / 1000),
        category: 17,
        properties: JSON.stringify(r.properties),
      }));
      return JSON.stringify({ records });
    }
  }
}
