import "server-only";
import {
  buildAlterMergeTableRetentionCommand,
  buildAlterTableIngestionBatchingCommand,
  buildDeleteTableIngestionBatchingCommand,
} from "@/kql/generate/policies";
import { PolicyError } from "@/kql/policies/errors";
import { KqlNameError } from "@/kql/quote";
import { AppError } from "@/lib/errors";
import type { ApplyPolicyResponse, BatchingRequest, RetentionForm } from "@/lib/schemas/policies";
import { readPolicies, type PoliciesTarget } from "./read";

/**
 * Policy edits on Staging. The command text comes from the same pure builders the browser previews with, so what
 * the user saw is what runs. The cluster validates once more, as ADX does; its refusal reaches the user as
 * `bad_request:kusto` with the cluster's own message. The answer carries the policies as read back afterwards.
 */

/** The command an edit runs (also what the preview shows). */
export function retentionCommand(stagingTable: string, form: RetentionForm): string {
  return buildAlterMergeTableRetentionCommand(stagingTable, form);
}

export function batchingCommand(stagingTable: string, request: BatchingRequest): string {
  if (request.mode === "inherit") return buildDeleteTableIngestionBatchingCommand(stagingTable);
  const { mode: _mode, ...policy } = request;
  return buildAlterTableIngestionBatchingCommand(stagingTable, policy);
}

async function run(target: PoliciesTarget, build: () => string): Promise<ApplyPolicyResponse> {
  let command: string;
  try {
    command = build();
  } catch (error) {
    // The route parsed the body with the same schema, so this means the configuration (Staging name) is bad.
    if (error instanceof PolicyError || error instanceof KqlNameError)
      throw new AppError("bad_request:policies", error.message, { error });
    throw error;
  }
  await target.executor.executeCommand(target.database, command);
  return { command, policies: await readPolicies(target) };
}

/** `.alter-merge table Staging policy retention softdelete = … [recoverability = …]`. */
export function applyRetention(target: PoliciesTarget, form: RetentionForm): Promise<ApplyPolicyResponse> {
  return run(target, () => retentionCommand(target.stagingTable, form));
}

/** `.alter table Staging policy ingestionbatching @'{…}'`, or `.delete …` to inherit from the database. */
export function applyBatching(target: PoliciesTarget, request: BatchingRequest): Promise<ApplyPolicyResponse> {
  return run(target, () => batchingCommand(target.stagingTable, request));
}
