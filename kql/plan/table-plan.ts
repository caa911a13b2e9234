/** The plan for one Defender table: the commands that bring its function, table and update policy to the generated state. */
import type { CatalogTable } from "@/kql/catalog";
import { filterFunctionName, getTable } from "@/kql/catalog";
import { buildCreateOrAlterFilterFunctionCommand } from "@/kql/generate/function";
import { buildBackfillCommand, buildCreateMergeTableCommand } from "@/kql/generate/table";
import { buildUpdatePolicyCommand, buildUpdatePolicyJson } from "@/kql/generate/update-policy";
import { parseUpdatePolicyJson, serializeUpdatePolicy } from "@/kql/policies/update";
import { quoteIdentifier, quoteVerbatimLiteral } from "@/kql/quote";
import type { ClusterState } from "@/kql/state";
import { compareFunction } from "@/kql/status/function-part";
import { resolveStatusOptions, type StatusOptions } from "@/kql/status/options";
import { compareSchema, describeTypeConflict } from "@/kql/status/schema-part";
import { compareUpdatePolicy, type UpdatePolicyComparison } from "@/kql/status/update-policy-part";

import { planStep, type Plan, type PlanStep } from "./types";

/** Options of {@link planTable}. */
export interface TablePlanOptions extends StatusOptions {
  /**
   * Copy what Staging still holds into the table right after creating it (`.set-or-append … <| Filter<T>()`).
   * Only planned when the table itself is created by this plan, because appending twice would duplicate rows.
   */
  readonly backfill?: boolean;
}

/**
 * The update policy command. With only console-managed entries this is exactly the generated command; when the
 * table also has entries reading other sources they are written back with the generated one, because
 * `.alter … policy update` replaces the whole array and the console must not delete what it does not manage.
 */
function updatePolicyCommand(table: CatalogTable, stagingTable: string, cmp: UpdatePolicyComparison): string {
  if (cmp.foreignEntries.length === 0) return buildUpdatePolicyCommand(table, { stagingTable });
  const generated = parseUpdatePolicyJson(buildUpdatePolicyJson(table, { stagingTable }));
  const json = serializeUpdatePolicy([...cmp.foreignEntries, ...generated]);
  return `.alter table ${quoteIdentifier(table.name)} policy update ${quoteVerbatimLiteral(json)}`;
}

function updatePolicyReason(table: CatalogTable, stagingTable: string, cmp: UpdatePolicyComparison): string {
  const base =
    cmp.state === "missing"
      ? `Table ${table.name} has no update policy, so events in ${stagingTable} never reach it`
      : cmp.reasons.join("; ");
  const kept = cmp.foreignEntries.length;
  return kept === 0
    ? base
    : `${base}; the ${kept === 1 ? "entry" : `${kept} entries`} reading other sources ${kept === 1 ? "is" : "are"} kept`;
}

/**
 * The ordered commands that bring one table to the generated state, each with a reason: the function (missing or
 * different: `.create-or-alter function`), the table (missing, or catalog columns missing: `.create-merge table`,
 * which only adds), the optional backfill, the update policy (missing or different: `.alter table … policy update`).
 * Staging's prerequisites are not included (see `planStaging`). Empty when nothing differs.
 *
 * A column with another type is never changed — that would drop its data: the plan is then `blocked` with the
 * reason and has no steps, since changing only the function or policy would make them disagree with the table.
 * @param table a catalog table or its exact name
 * @throws {UnknownTableError} for a name that is not in the catalog
 */
export function planTable(table: string | CatalogTable, state: ClusterState, options: TablePlanOptions = {}): Plan {
  const entry = typeof table === "string" ? getTable(table) : table;
  const { stagingTable } = resolveStatusOptions(options);
  const fn = compareFunction(entry, state, { stagingTable });
  const schema = compareSchema(entry, state);
  const policy = compareUpdatePolicy(entry, state, { stagingTable });

  if (schema.typeConflicts.length > 0) {
    const blocked = schema.typeConflicts.map(
      (c) =>
        `${describeTypeConflict(c)}; the console never changes a column's type because that would drop its data. ` +
        `Change or drop the column yourself, then plan again`,
    );
    return { table: entry.name, steps: [], blocked };
  }

  const steps: PlanStep[] = [];
  const fnName = filterFunctionName(entry.name);
  if (fn.state !== "ok") {
    const reason = fn.state === "missing" ? `Function ${fnName} is missing` : fn.reasons.join("; ");
    steps.push(planStep("function", fnName, buildCreateOrAlterFilterFunctionCommand(entry, { stagingTable }), reason));
  }
  if (schema.state === "missing") {
    steps.push(planStep("table", entry.name, buildCreateMergeTableCommand(entry), `Table ${entry.name} is missing`));
    if (options.backfill) {
      steps.push(
        planStep(
          "backfill",
          entry.name,
          buildBackfillCommand(entry),
          `Copies the ${entry.name} events still held in ${stagingTable} into the new table`,
        ),
      );
    }
  } else if (schema.missingColumns.length > 0) {
    steps.push(
      planStep(
        "table",
        entry.name,
        buildCreateMergeTableCommand(entry),
        `${schema.reasons.join("; ")}; .create-merge adds ${schema.missingColumns.length === 1 ? "it" : "them"} ` +
          `without touching existing data`,
      ),
    );
  }
  if (policy.state !== "ok") {
    steps.push(
      planStep(
        "update-policy",
        entry.name,
        updatePolicyCommand(entry, stagingTable, policy),
        updatePolicyReason(entry, stagingTable, policy),
      ),
    );
  }
  return { table: entry.name, steps, blocked: [] };
}
