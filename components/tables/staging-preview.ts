import { DEFAULT_STAGING_BATCHING, DEFAULT_STAGING_RETENTION } from "@/kql/generate/script";
import { buildAlterMergeTableRetentionCommand, buildAlterTableIngestionBatchingCommand } from "@/kql/generate/policies";
import { buildCreateStagingTableCommand, buildStagingMappingCommand } from "@/kql/generate/staging";
import { validateIngestionBatchingPolicy } from "@/kql/policies/batching";
import { planScript } from "@/kql/plan";
import type { PlanStepDto, StagingStatusDto } from "@/lib/schemas/table-responses";

/**
 * The commands "Set up Staging" will send, rebuilt in the browser from the Staging status with the same pure
 * builders the server's planner uses (`planStaging` without batching options: one step per unmet prerequisite).
 * The list API carries the prerequisites, not the plan; staging-preview.test.ts checks both agree on every
 * recorded state.
 */
export function previewStagingSteps(staging: StagingStatusDto): PlanStepDto[] {
  if (staging.blocked.length > 0) return [];
  const { table: stagingTable, mappingName, prerequisites: p } = staging;
  const steps: PlanStepDto[] = [];
  const step = (kind: PlanStepDto["kind"], target: string, text: string, reason: string) =>
    steps.push({ id: `${kind}:${target}`, kind, target, text, reason });
  if (!p.table.ok)
    step("staging-table", stagingTable, buildCreateStagingTableCommand({ stagingTable }), p.table.detail);
  if (!p.mapping.ok)
    step(
      "staging-mapping",
      mappingName,
      buildStagingMappingCommand({ stagingTable, mappingName }),
      `${p.mapping.detail}; the Event Hub data connection ingests through it`,
    );
  if (!p.retention.ok)
    step(
      "retention",
      stagingTable,
      buildAlterMergeTableRetentionCommand(stagingTable, DEFAULT_STAGING_RETENTION),
      p.retention.detail,
    );
  if (!p.batching.ok)
    step(
      "batching",
      stagingTable,
      buildAlterTableIngestionBatchingCommand(stagingTable, validateIngestionBatchingPolicy(DEFAULT_STAGING_BATCHING)),
      p.batching.detail,
    );
  return steps;
}

/** The script text the Staging apply sends for these steps (`""` when there is nothing to do). */
export function stagingScript(steps: readonly PlanStepDto[]): string {
  return planScript(steps);
}
