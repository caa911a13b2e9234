import "server-only";
import { findTable } from "@/kql/catalog";
import { normalizeColumnType, type StateTable } from "@/kql/state";
import { quoteIdentifier } from "@/kql/quote";

/**
 * The texts of the state read. Names come only from validated configuration (database, Staging table) or the
 * catalog, and always go through `quoteIdentifier`: management commands cannot take parameters (STYLE §2.5).
 */
export interface StateReadTarget {
  database: string;
  stagingTable: string;
  mappingName: string;
  /** Length of the activity and failure window in minutes. Default 60 ("rows in the last hour"). */
  windowMinutes?: number;
}

/** The window in whole minutes (at least 1); 60 when not given. */
export function windowMinutes(minutes: number | undefined): number {
  return Math.max(1, Math.ceil(minutes ?? 60));
}

/** The management commands of one state read; each is one round trip, none depends on another. */
export function stateCommands(target: StateReadTarget) {
  const database = quoteIdentifier(target.database);
  return {
    schema: `.show database ${database} schema as json`,
    details: ".show tables details",
    // Update policies of every table and the ingestion mappings in ONE command (ADX documents both as part of the
    // script; `IncludeIngestionMappings` defaults to true). Security settings and encoding policies are not needed.
    script: `.show database ${database} schema as csl script with (IncludeEncodingPolicies = false, IncludeSecuritySettings = false)`,
    // The window is applied on the cluster (ADX keeps 14 days of failures); normalize.ts applies it again against
    // the read's own clock. A whole number of minutes from configuration, never user text.
    failures: `.show ingestion failures | where FailedOn > ago(${windowMinutes(target.windowMinutes)}m)`,
  } as const;
}

/** The query parameter holding the start of the activity window. */
export const ACTIVITY_SINCE_PARAMETER = "since";

export interface ActivityQuery {
  text: string;
  /** Catalog tables left out because their `Timestamp` has another type than datetime (union would split it). */
  skipped: string[];
}

/**
 * ONE query for the rows of the last hour, the last ingestion and the last event time of every catalog table that
 * exists: `union withsource=TableName <tables> | where ingestion_time() > since | summarize … by TableName`. The
 * window start is a `declare query_parameters` value, never pasted text; table names are catalog names only.
 * Returns `null` when no catalog table exists (nothing to ask).
 */
export function buildActivityQuery(tables: Readonly<Record<string, StateTable>>): ActivityQuery | null {
  const legs: string[] = [];
  const skipped: string[] = [];
  let withTimestamp = 0;
  for (const [name, table] of Object.entries(tables)) {
    const entry = findTable(name);
    if (!entry || entry.name !== name) continue;
    const timestamp = table.columns.find((c) => c.name === "Timestamp");
    if (timestamp && normalizeColumnType(timestamp.type) !== "datetime") {
      skipped.push(name);
      continue;
    }
    if (timestamp) withTimestamp += 1;
    legs.push(quoteIdentifier(entry.name));
  }
  if (legs.length === 0) return null;
  // Without any Timestamp column, `max(Timestamp)` would not resolve: the event time is then left out.
  const eventTime = withTimestamp > 0 ? ", LastEventTime = max(Timestamp)" : "";
  const text = [
    `declare query_parameters(${ACTIVITY_SINCE_PARAMETER}:datetime);`,
    `union withsource=TableName ${legs.join(", ")}`,
    `| where ingestion_time() > ${ACTIVITY_SINCE_PARAMETER}`,
    `| summarize RowsLastHour = count(), LastIngestion = max(ingestion_time())${eventTime} by TableName`,
  ].join("\n");
  return { text, skipped };
}
