import { type Catalog, findPolicy, type PolicyKind } from "../storage/catalog";

/** The policy JSON that applies to a table: its own, else the database's, else null (defaults not materialised). */
export function effectivePolicy(catalog: Catalog, tableName: string, kind: PolicyKind): string | null {
  return (
    findPolicy(catalog, "Table", tableName, kind)?.policy ??
    findPolicy(catalog, "Database", catalog.database.name, kind)?.policy ??
    null
  );
}
