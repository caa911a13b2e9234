/**
 * The whole setup script in apply order — the text users paste into ADX or download from the console, and the
 * commands the console applies one by one.
 */
import type { CatalogTable } from "@/kql/catalog";
import {
  DEFAULT_STAGING_MAPPING,
  DEFAULT_STAGING_TABLE,
  defenderTables,
  filterFunctionName,
  getTable,
} from "@/kql/catalog";

import { buildCreateOrAlterFilterFunctionCommand } from "./function";
import { buildAlterMergeTableRetentionCommand, buildAlterTableIngestionBatchingCommand } from "./policies";
import { buildCreateStagingTableCommand, buildStagingMappingCommand } from "./staging";
import { buildBackfillCommand, buildCreateMergeTableCommand } from "./table";
import { buildUpdatePolicyCommand } from "./update-policy";

/** What a generated command does; also its position in the apply order. */
export type SetupCommandKind =
  "staging-table" | "staging-mapping" | "retention" | "batching" | "function" | "table" | "update-policy" | "backfill";

/** One generated command. */
export interface SetupCommand {
  /** Stable and unique within a script: `<kind>:<target>`, e.g. `function:FilterDeviceInfo`. */
  readonly id: string;
  readonly kind: SetupCommandKind;
  /** The entity the command creates or changes (table, mapping or function name). */
  readonly target: string;
  /** The KQL management command, ready to paste into ADX. */
  readonly text: string;
}

/** Retention written on Staging. */
export interface StagingRetentionOptions {
  readonly softDelete: string;
  readonly recoverability?: "enabled" | "disabled";
}

/** Ingestion batching policy written on Staging. */
export interface StagingBatchingOptions {
  readonly MaximumBatchingTimeSpan: string;
  readonly MaximumNumberOfItems: number;
  readonly MaximumRawDataSizeMB: number;
}

/** Staging keeps nothing once the update policies have run (the seed's `softdelete = 0s`). */
export const DEFAULT_STAGING_RETENTION: StagingRetentionOptions = Object.freeze({
  softDelete: "0s",
  recoverability: "disabled",
});

/** The seed's batching: seal a batch after 30 seconds, 500 items or 1 GB, whichever comes first. */
export const DEFAULT_STAGING_BATCHING: StagingBatchingOptions = Object.freeze({
  MaximumBatchingTimeSpan: "00:00:30",
  MaximumNumberOfItems: 500,
  MaximumRawDataSizeMB: 1024,
});

/** Options of {@link buildSetupScript}; every field has the seed's default. */
export interface SetupScriptOptions {
  /** Tables to set up, by name or as catalog entries; default all. Always emitted in catalog order, once each. */
  readonly tables?: readonly (string | CatalogTable)[];
  /** Default `Staging`. */
  readonly stagingTable?: string;
  /** Default `StagingMapping`. */
  readonly mappingName?: string;
  /** Default {@link DEFAULT_STAGING_RETENTION}. */
  readonly retention?: StagingRetentionOptions;
  /** Default {@link DEFAULT_STAGING_BATCHING}. */
  readonly batching?: StagingBatchingOptions;
  /**
   * Adds `.set-or-append <Table> <| Filter<Table>()` after each table is created, before its update policy
   * (the seed's order). It copies only what Staging still retains, so it matters only when Staging's retention
   * is not 0. Default false.
   */
  readonly backfill?: boolean;
}

/**
 * The setup commands in apply order: the Staging table, its mapping, retention and batching, then for each table
 * its `Filter<Table>()` function, the table, (the backfill,) and the update policy. Every command is idempotent,
 * so the script can be re-run.
 * @throws {UnknownTableError} for a table name not in the catalog
 * @throws {KqlNameError} when the Staging table or mapping name breaks ADX's entity-name rules
 * @throws {PolicyError} when the retention or batching values break ADX's limits
 */
export function buildSetupScript(options: SetupScriptOptions = {}): SetupCommand[] {
  const stagingTable = options.stagingTable ?? DEFAULT_STAGING_TABLE;
  const mappingName = options.mappingName ?? DEFAULT_STAGING_MAPPING;
  const staging = { stagingTable };
  const command = (kind: SetupCommandKind, target: string, text: string): SetupCommand => ({
    id: `${kind}:${target}`,
    kind,
    target,
    text,
  });

  const commands: SetupCommand[] = [
    command("staging-table", stagingTable, buildCreateStagingTableCommand(staging)),
    command("staging-mapping", mappingName, buildStagingMappingCommand({ stagingTable, mappingName })),
    command(
      "retention",
      stagingTable,
      buildAlterMergeTableRetentionCommand(stagingTable, { ...(options.retention ?? DEFAULT_STAGING_RETENTION) }),
    ),
    command(
      "batching",
      stagingTable,
      buildAlterTableIngestionBatchingCommand(stagingTable, { ...(options.batching ?? DEFAULT_STAGING_BATCHING) }),
    ),
  ];
  for (const table of selectTables(options.tables)) {
    commands.push(
      command("function", filterFunctionName(table.name), buildCreateOrAlterFilterFunctionCommand(table, staging)),
    );
    commands.push(command("table", table.name, buildCreateMergeTableCommand(table)));
    if (options.backfill) commands.push(command("backfill", table.name, buildBackfillCommand(table)));
    commands.push(command("update-policy", table.name, buildUpdatePolicyCommand(table, staging)));
  }
  return commands;
}

/** The requested tables in catalog order, each once; all tables when none are given. */
function selectTables(requested: SetupScriptOptions["tables"]): readonly CatalogTable[] {
  if (!requested) return defenderTables;
  const wanted = new Set(requested.map((t) => (typeof t === "string" ? getTable(t) : getTable(t.name)).name));
  return defenderTables.filter((t) => wanted.has(t.name));
}

/**
 * The script as one text: commands separated by exactly one blank line (the separator `.execute database script`
 * and the ADX web UI both accept), ending with a newline.
 */
export function renderScript(commands: readonly Pick<SetupCommand, "text">[]): string {
  return commands.length === 0 ? "" : `${commands.map((c) => c.text).join("\n\n")}\n`;
}
