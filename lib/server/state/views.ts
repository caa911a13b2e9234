import "server-only";
import { defenderTables, filterFunctionName, getTable } from "@/kql/catalog";
import { buildCreateOrAlterFilterFunctionCommand, buildFilterFunctionDefinition } from "@/kql/generate/function";
import { buildCreateMergeTableCommand } from "@/kql/generate/table";
import { buildUpdatePolicyCommand, buildUpdatePolicyJson } from "@/kql/generate/update-policy";
import { planScript, planTable } from "@/kql/plan";
import { deriveAllStatuses, deriveTableStatus } from "@/kql/status";
import type { KustoExecutor } from "@/lib/server/kusto";
import {
  tableDetailResponseSchema,
  tablesResponseSchema,
  type TableDetailResponse,
  type TablesResponse,
} from "@/lib/schemas/table-responses";
import { readTableHistory } from "../audit";
import { readClusterStateWithWarnings } from "../cluster-state";
import type { StateReadTarget } from "./commands";

/**
 * What the tables pages show, composed from one state read. Responses are parsed with the shared response schemas
 * before they leave, so the browser and the server agree on every field.
 */

/** `GET /api/tables`: the Staging card, every catalog table's status (catalog order) and the counts. */
export async function getTablesOverview(executor: KustoExecutor, target: StateReadTarget): Promise<TablesResponse> {
  const { state, warnings } = await readClusterStateWithWarnings(executor, target);
  const all = deriveAllStatuses(state, { stagingTable: target.stagingTable, mappingName: target.mappingName });
  const family = new Map(defenderTables.map((t) => [t.name, t]));
  return tablesResponseSchema.parse({
    database: target.database,
    readAt: all.readAt,
    staging: all.staging,
    tables: all.tables.map((s) => ({
      ...s,
      family: family.get(s.table)!.family,
      preview: family.get(s.table)!.preview,
    })),
    counts: all.counts,
    warnings,
  });
}

const pretty = (json: unknown) => JSON.stringify(json, null, 2);

/**
 * `GET /api/tables/[table]`: the catalog columns, the generated texts, what the cluster holds (for a diff), the
 * status, the plan with the exact script apply would send, and the change history. State and journal are read
 * concurrently.
 */
export async function getTableDetail(
  executor: KustoExecutor,
  target: StateReadTarget,
  tableName: string,
): Promise<TableDetailResponse> {
  const entry = getTable(tableName);
  const staging = { stagingTable: target.stagingTable };
  const [{ state, warnings }, journal] = await Promise.all([
    readClusterStateWithWarnings(executor, target),
    readTableHistory(executor, target.database, entry.name),
  ]);
  const fnName = filterFunctionName(entry.name);
  const plan = planTable(entry, state, staging);
  const policy = state.updatePolicies[entry.name];
  return tableDetailResponseSchema.parse({
    database: target.database,
    readAt: state.readAt,
    table: {
      name: entry.name,
      family: entry.family,
      preview: entry.preview,
      docsUrl: entry.docsUrl,
      notes: entry.notes,
      columns: entry.columns.map((c) => ({
        name: c.name,
        type: c.type,
        payloadKey: c.payloadKey,
        streamed: c.streamed,
        description: c.description,
      })),
    },
    generated: {
      functionName: fnName,
      functionCommand: buildCreateOrAlterFilterFunctionCommand(entry, staging),
      functionBody: buildFilterFunctionDefinition(entry, staging).body,
      tableCommand: buildCreateMergeTableCommand(entry),
      schema: entry.columns.map((c) => ({ name: c.name, type: c.type })),
      updatePolicyCommand: buildUpdatePolicyCommand(entry, staging),
      updatePolicy: pretty(JSON.parse(buildUpdatePolicyJson(entry, staging))),
    },
    cluster: {
      functionBody: state.functions[fnName]?.body ?? null,
      schema: state.tables[entry.name]?.columns ?? null,
      updatePolicy: policy && policy.length > 0 ? pretty(policy) : null,
    },
    status: deriveTableStatus(entry, state, { stagingTable: target.stagingTable, mappingName: target.mappingName }),
    plan: { ...plan, script: planScript(plan.steps) },
    history: journal.history,
    historyUnavailable: journal.unavailable,
    warnings,
  });
}
