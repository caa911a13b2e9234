import "server-only";
import { parseIngestionBatchingPolicyJson } from "@/kql/policies/batching";
import { parseRetentionPolicyJson } from "@/kql/policies/retention";
import { parseUpdatePolicyJson, type UpdatePolicyEntry } from "@/kql/policies/update";
import {
  normalizeColumnType,
  type StateFunction,
  type StateMapping,
  type StateTable,
  type TableActivity,
  type TableFailures,
} from "@/kql/state";
import { AppError } from "@/lib/errors";
import type {
  ActivityRow,
  IngestionFailureRow,
  MappingRow,
  PolicyRow,
  SchemaJson,
  TablesDetailsRow,
} from "./show-schemas";

/**
 * Pure mapping from parsed `.show` rows to the parts of a `ClusterState`. Problems that must not stop the console
 * (an unreadable retention policy on some table) become warnings; problems that could make apply destroy
 * something (an unreadable update policy, which apply would overwrite) throw.
 */
export type Warnings = string[];

/** The database entry of a schema document: by exact name, else case-insensitively, else the only one. */
export function databaseEntry(doc: SchemaJson, database: string): SchemaJson["Databases"][string] | undefined {
  const entries = Object.entries(doc.Databases);
  return (
    doc.Databases[database] ??
    entries.find(([name]) => name.toLowerCase() === database.toLowerCase())?.[1] ??
    (entries.length === 1 ? entries[0]![1] : undefined)
  );
}

function policyOrNull<T>(parse: () => T | null, what: string, warnings: Warnings): T | null {
  try {
    return parse();
  } catch (error) {
    warnings.push(
      `${what} could not be read (${error instanceof Error ? error.message : String(error)}); treated as not set.`,
    );
    return null;
  }
}

/** Tables: existence, counts and effective policies from `.show tables details`, ordered columns from the schema. */
export function tablesFrom(
  details: readonly TablesDetailsRow[],
  doc: SchemaJson,
  database: string,
  warnings: Warnings,
): Record<string, StateTable> {
  const schemaTables = databaseEntry(doc, database)?.Tables ?? {};
  const tables: Record<string, StateTable> = {};
  for (const row of details) {
    const schema = schemaTables[row.TableName];
    if (!schema) warnings.push(`The schema of ${row.TableName} was not returned; its columns are unknown.`);
    tables[row.TableName] = {
      name: row.TableName,
      folder: row.Folder,
      docString: row.DocString,
      columns: (schema?.OrderedColumns ?? []).map((c) => ({
        name: c.Name,
        type: normalizeColumnType(c.CslType ?? c.Type ?? "string"),
      })),
      totalRowCount: Math.max(0, row.TotalRowCount),
      effectiveRetention: policyOrNull(
        () => parseRetentionPolicyJson(row.RetentionPolicy),
        `The retention policy of ${row.TableName}`,
        warnings,
      ),
      effectiveBatching: policyOrNull(
        () => parseIngestionBatchingPolicyJson(row.IngestionBatchingPolicy),
        `The ingestion batching policy of ${row.TableName}`,
        warnings,
      ),
    };
  }
  return tables;
}

/** Functions from the schema document, in `.show functions` form (`Parameters` with parentheses, `Body` with braces). */
export function functionsFrom(doc: SchemaJson, database: string): Record<string, StateFunction> {
  const functions: Record<string, StateFunction> = {};
  for (const fn of Object.values(databaseEntry(doc, database)?.Functions ?? {})) {
    const parameters =
      fn.Parameters ??
      `(${(fn.InputParameters ?? []).map((p) => `${p.Name}:${normalizeColumnType(p.CslType ?? p.Type ?? "string")}`).join(", ")})`;
    const body = fn.Body.trim().startsWith("{") ? fn.Body : `{${fn.Body}}`;
    functions[fn.Name] = { name: fn.Name, parameters, body, folder: fn.Folder ?? "", docString: fn.DocString ?? "" };
  }
  return functions;
}

/** The table of a policy row's `EntityName`: `[Db].[Table]` (documented), or a bare name. */
export function tableOfEntity(entityName: string): string {
  const match = /^\[(.*)\]\.\[(.*)\]$/s.exec(entityName.trim());
  return match ? match[2]! : entityName.trim();
}

/** Update policies keyed by target table, from `.show table * policy update`. */
export function updatePoliciesFrom(rows: readonly PolicyRow[]): Record<string, UpdatePolicyEntry[]> {
  const policies: Record<string, UpdatePolicyEntry[]> = {};
  for (const row of rows) {
    const table = tableOfEntity(row.EntityName);
    try {
      const entries = parseUpdatePolicyJson(row.Policy);
      if (entries.length > 0) policies[table] = entries;
    } catch (error) {
      // Apply rewrites the whole array: planning over an unreadable policy could delete entries it cannot see.
      throw new AppError(
        "internal:kusto",
        `The update policy of ${table} could not be read: ${error instanceof Error ? error.message : String(error)}`,
        { error },
      );
    }
  }
  return policies;
}

export function mappingsFrom(rows: readonly MappingRow[]): StateMapping[] {
  return rows.map((r) => ({ name: r.Name, kind: r.Kind, mapping: r.Mapping }));
}

/** Failures of `database` since `since`, per table: count and the latest one. */
export function failuresFrom(
  rows: readonly IngestionFailureRow[],
  database: string,
  since: Date,
): Record<string, TableFailures> {
  const failures: Record<string, TableFailures> = {};
  for (const row of rows) {
    if (row.Database && row.Database.toLowerCase() !== database.toLowerCase()) continue;
    if (!row.FailedOn || new Date(row.FailedOn) <= since || !row.Table) continue;
    const current = failures[row.Table];
    const latest = !current || row.FailedOn > current.lastFailedOn;
    failures[row.Table] = {
      count: (current?.count ?? 0) + 1,
      lastFailedOn: latest ? row.FailedOn : current!.lastFailedOn,
      lastDetails: latest ? row.Details : current!.lastDetails,
      originatesFromUpdatePolicy: latest ? row.OriginatesFromUpdatePolicy : current!.originatesFromUpdatePolicy,
    };
  }
  return failures;
}

/**
 * Activity per existing table: rows of the window from the activity query; the last ingestion from the query when
 * the table received rows in the window, else `MaxExtentsCreationTime` of `.show tables details` (the newest
 * extent is the last ingestion), so a table that stopped receiving rows still shows when it last did.
 */
export function activityFrom(
  rows: readonly ActivityRow[],
  details: readonly TablesDetailsRow[],
  catalogNames: ReadonlySet<string>,
): Record<string, TableActivity> {
  const activity: Record<string, TableActivity> = {};
  for (const d of details) {
    if (!catalogNames.has(d.TableName) || !d.MaxExtentsCreationTime) continue;
    activity[d.TableName] = { rowsLastHour: 0, lastIngestion: d.MaxExtentsCreationTime, lastEventTime: null };
  }
  for (const row of rows) {
    activity[row.TableName] = {
      rowsLastHour: Math.max(0, row.RowsLastHour),
      lastIngestion: row.LastIngestion,
      lastEventTime: row.LastEventTime ?? null,
    };
  }
  return activity;
}
