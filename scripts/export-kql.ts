/**
 * Prints the setup script (the same one the console offers for download) to stdout, in apply order.
 *
 *   npm run --silent export-kql                                  # every table
 *   npm run --silent export-kql -- --tables DeviceInfo,AlertInfo # some tables (catalog order)
 *   npm run --silent export-kql -- --staging-table "Raw Events" --backfill
 *
 * Exit codes: 0 success, 2 bad arguments (unknown table, invalid name or option).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { DEFAULT_STAGING_MAPPING, DEFAULT_STAGING_TABLE, findTable, tableNames } from "@/kql/catalog";
import { buildSetupScript, renderScript } from "@/kql/generate/script";
import { KqlNameError } from "@/kql/quote";

const USAGE = `Usage: npm run --silent export-kql -- [--tables A,B] [--staging-table NAME] [--mapping-name NAME] [--backfill]

  --tables         comma-separated Defender tables (default: all ${tableNames.length}); printed in catalog order
  --staging-table  Staging table name (default: ${DEFAULT_STAGING_TABLE})
  --mapping-name   JSON ingestion mapping name (default: ${DEFAULT_STAGING_MAPPING})
  --backfill       also copy rows Staging still holds into each table (.set-or-append)
  --help           show this help
`;

/** What the command prints and how it exits; kept separate from process IO so the logic reads plainly. */
export interface ExportResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const usageError = (message: string): ExportResult => ({ stdout: "", stderr: `${message}\n\n${USAGE}`, exitCode: 2 });

/** Runs the export for the given arguments (without `node` and the script path). */
export function runExportKql(args: readonly string[]): ExportResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        tables: { type: "string" },
        "staging-table": { type: "string", default: DEFAULT_STAGING_TABLE },
        "mapping-name": { type: "string", default: DEFAULT_STAGING_MAPPING },
        backfill: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { stdout: USAGE, stderr: "", exitCode: 0 };

  let tables: string[] | undefined;
  if (values.tables !== undefined) {
    tables = values.tables
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    if (tables.length === 0) return usageError("--tables needs at least one table name.");
    const unknown = tables.filter((t) => !findTable(t));
    if (unknown.length > 0) {
      return {
        stdout: "",
        stderr: `Unknown table${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.\nValid tables: ${tableNames.join(", ")}\n`,
        exitCode: 2,
      };
    }
  }

  try {
    const commands = buildSetupScript({
      tables,
      stagingTable: values["staging-table"],
      mappingName: values["mapping-name"],
      backfill: values.backfill,
    });
    return { stdout: renderScript(commands), stderr: "", exitCode: 0 };
  } catch (error) {
    if (error instanceof KqlNameError) return usageError(error.message);
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const result = runExportKql(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
