import type { PolicySource } from "@/lib/schemas/policies";

/** Where an effective policy comes from, in words. */
export function sourceLabel(source: PolicySource, stagingTable: string): string {
  if (source === "table") return `Set on ${stagingTable}`;
  if (source === "database") return "Inherited from the database";
  return "ADX default (set neither on the table nor the database)";
}
