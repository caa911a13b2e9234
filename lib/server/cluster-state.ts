import "server-only";
import { tableNames } from "@/kql/catalog";
import { clusterStateSchema, type ClusterState } from "@/kql/state";
import { AppError } from "@/lib/errors";
import type { KustoExecutor, KustoResult } from "@/lib/server/kusto";
import {
  ACTIVITY_SINCE_PARAMETER,
  buildActivityQuery,
  stateCommands,
  windowMinutes,
  type StateReadTarget,
} from "./state/commands";
import {
  activityFrom,
  failuresFrom,
  functionsFrom,
  mappingsFrom,
  tablesFrom,
  updatePoliciesFrom,
  type Warnings,
} from "./state/normalize";
import {
  activityRowSchema,
  databaseSchemaRowSchema,
  ingestionFailureRowSchema,
  parseRows,
  schemaJsonSchema,
  schemaScriptRowSchema,
  tablesDetailsRowSchema,
  type SchemaJson,
} from "./state/show-schemas";
import { readSchemaScript } from "./state/schema-script";

export type { StateReadTarget } from "./state/commands";

/** Options of {@link readClusterState}. */
export interface ReadStateOptions extends StateReadTarget {
  /**
   * Also read activity (rows in the window, last ingestion and event time) and ingestion failures. Default true;
   * apply turns it off because planning needs only the structure.
   */
  activity?: boolean;
}

/** A state and the non-fatal problems met while reading it (shown by the UI next to the status). */
export interface StateRead {
  state: ClusterState;
  warnings: string[];
}

const CATALOG_NAMES: ReadonlySet<string> = new Set(tableNames);

/**
 * Reads the whole state of one database in a constant number of round trips, whatever the number of tables:
 * four management commands issued concurrently (database schema as json → tables, ordered columns and functions;
 * `.show tables details` → counts, effective retention and batching, last extent time; the database schema as csl
 * script → every update policy and Staging's mappings; `.show ingestion failures`) plus ONE activity query over the
 * catalog tables that exist, sent as soon as the schema and details arrive. That is 5 requests with activity, 3
 * without; a database without catalog tables needs no activity query (4).
 *
 * Staging's OWN retention/batching and the database batching are not read separately (they would cost three more
 * round trips): the effective values of `.show tables details` are used, which status labels "effective".
 */
export async function readClusterStateWithWarnings(
  executor: KustoExecutor,
  options: ReadStateOptions,
): Promise<StateRead> {
  const { database, stagingTable } = options;
  const withActivity = options.activity ?? true;
  const readAt = new Date();
  const since = new Date(readAt.getTime() - windowMinutes(options.windowMinutes) * 60_000);
  const commands = stateCommands(options);
  const warnings: Warnings = [];
  const command = (text: string) => executor.executeCommand(database, text);

  const schemaDoc = command(commands.schema).then((r) => parseSchemaDocument(r, commands.schema));
  const details = command(commands.details).then((r) => parseRows(tablesDetailsRowSchema, r, commands.details));
  const tables = Promise.all([details, schemaDoc]).then(([d, doc]) => tablesFrom(d, doc, database, warnings));
  const script = command(commands.script).then((r) =>
    readSchemaScript(parseRows(schemaScriptRowSchema, r, commands.script).map((row) => row.DatabaseSchemaScript)),
  );
  const failures = withActivity
    ? settle(command(commands.failures).then((r) => parseRows(ingestionFailureRowSchema, r, commands.failures)))
    : null;
  const activity = withActivity
    ? tables.then(async (t) => {
        const query = buildActivityQuery(t);
        if (!query) return [];
        for (const name of query.skipped)
          warnings.push(`Activity of ${name} is not read: its Timestamp column is not a datetime.`);
        const result = await executor.executeQuery(database, query.text, {
          parameters: { [ACTIVITY_SINCE_PARAMETER]: since },
        });
        return parseRows(activityRowSchema, result, "The activity query");
      })
    : null;
  // Every request is in flight before the first await; nothing below issues another one.
  const [tableMap, doc, detailRows, scriptFacts, failureRows, activityRows] = await Promise.all([
    tables,
    schemaDoc,
    details,
    script,
    failures,
    activity,
  ]);

  const state: ClusterState = {
    database,
    readAt: readAt.toISOString(),
    tables: tableMap,
    functions: functionsFrom(doc, database),
    updatePolicies: updatePoliciesFrom(scriptFacts.updatePolicies),
    stagingMappings: mappingsFrom(scriptFacts.mappings.filter((m) => m.Table === stagingTable)),
    activity: activityRows ? activityFrom(activityRows, detailRows, CATALOG_NAMES) : {},
    failures: {},
  };
  if (failureRows) {
    if (failureRows.ok) state.failures = failuresFrom(failureRows.value, database, since);
    else warnings.push(`Ingestion failures could not be read: ${describe(failureRows.error)}`);
  }
  const parsed = clusterStateSchema.safeParse(state);
  if (!parsed.success) {
    throw new AppError("internal:kusto", `The cluster state is inconsistent: ${parsed.error.issues[0]?.message ?? ""}`);
  }
  return { state: parsed.data, warnings };
}

/** {@link readClusterStateWithWarnings} without the warnings: the validated `ClusterState`. */
export async function readClusterState(executor: KustoExecutor, options: ReadStateOptions): Promise<ClusterState> {
  return (await readClusterStateWithWarnings(executor, options)).state;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function describe(error: unknown): string {
  if (error instanceof AppError) return error.detail ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

function parseSchemaDocument(result: KustoResult, what: string): SchemaJson {
  const row = parseRows(databaseSchemaRowSchema, result, what)[0];
  if (!row) throw new AppError("internal:kusto", `${what} returned no row.`);
  let json: unknown;
  try {
    json = JSON.parse(row.DatabaseSchema);
  } catch {
    throw new AppError("internal:kusto", `${what} returned a DatabaseSchema that is not JSON.`);
  }
  const parsed = schemaJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "internal:kusto",
      `${what} returned an unexpected document at ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
