/** The plan for the Staging prerequisites: table, mapping, retention, batching. */
import { BATCHING_FIELDS, validateIngestionBatchingPolicy } from "@/kql/policies/batching";
import { buildAlterMergeTableRetentionCommand, buildAlterTableIngestionBatchingCommand } from "@/kql/generate/policies";
import {
  DEFAULT_STAGING_BATCHING,
  DEFAULT_STAGING_RETENTION,
  type StagingBatchingOptions,
} from "@/kql/generate/script";
import { buildCreateStagingTableCommand, buildStagingMappingCommand } from "@/kql/generate/staging";
import type { ClusterState } from "@/kql/state";
import type { StatusOptions } from "@/kql/status/options";
import { stagingFacts } from "@/kql/status/staging";

import { planStep, type Plan, type PlanStep } from "./types";

/** Options of {@link planStaging}. */
export interface StagingPlanOptions extends Pick<StatusOptions, "stagingTable" | "mappingName"> {
  /**
   * The batching policy the user wants on Staging. Given: planned whenever the effective policy differs. Omitted:
   * planned (with the seed's 30 seconds / 500 items / 1024 MB) only when no policy is set at all.
   */
  readonly batching?: StagingBatchingOptions;
}

/** Field-by-field differences between the effective policy and the wanted one, as phrases. */
function batchingDifferences(
  effective: ReturnType<typeof validateIngestionBatchingPolicy>,
  wanted: ReturnType<typeof validateIngestionBatchingPolicy>,
): string[] {
  return BATCHING_FIELDS.filter((f) => effective[f] !== wanted[f]).map(
    (f) => `${f} is ${effective[f]} in the cluster but ${wanted[f]} is wanted`,
  );
}

/**
 * The ordered commands that meet the Staging prerequisites, each with a reason: `.create-merge table Staging
 * (Raw: dynamic)` (table or Raw missing), `.create-or-alter … ingestion json mapping` (mapping missing or wrong),
 * `.alter-merge … policy retention softdelete = 0s recoverability = disabled` (retention not 0), and
 * `.alter table … policy ingestionbatching` (no policy, or not the wanted one). Empty when all are met.
 * Blocked, with no steps, when `Raw` exists with another type than dynamic (fixing it would drop data).
 * @throws {KqlNameError} when the Staging table or mapping name breaks ADX's entity-name rules
 * @throws {PolicyError} when `options.batching` breaks ADX's limits
 */
export function planStaging(state: ClusterState, options: StagingPlanOptions = {}): Plan {
  const facts = stagingFacts(state, options);
  const { table: stagingTable, mappingName, prerequisites: p } = facts;
  if (facts.blocked.length > 0) return { table: stagingTable, steps: [], blocked: facts.blocked };

  const steps: PlanStep[] = [];
  if (!p.table.ok) {
    steps.push(
      planStep("staging-table", stagingTable, buildCreateStagingTableCommand({ stagingTable }), p.table.detail),
    );
  }
  if (!p.mapping.ok) {
    steps.push(
      planStep(
        "staging-mapping",
        mappingName,
        buildStagingMappingCommand({ stagingTable, mappingName }),
        `${p.mapping.detail}; the Event Hub data connection ingests through it`,
      ),
    );
  }
  if (!p.retention.ok) {
    steps.push(
      planStep(
        "retention",
        stagingTable,
        buildAlterMergeTableRetentionCommand(stagingTable, DEFAULT_STAGING_RETENTION),
        p.retention.detail,
      ),
    );
  }
  const wanted = validateIngestionBatchingPolicy(options.batching ?? DEFAULT_STAGING_BATCHING);
  const differences = options.batching && facts.batching ? batchingDifferences(facts.batching.policy, wanted) : [];
  if (!p.batching.ok || differences.length > 0) {
    steps.push(
      planStep(
        "batching",
        stagingTable,
        buildAlterTableIngestionBatchingCommand(stagingTable, wanted),
        p.batching.ok ? `The batching policy of ${stagingTable} differs: ${differences.join("; ")}` : p.batching.detail,
      ),
    );
  }
  return { table: stagingTable, steps, blocked: [] };
}
