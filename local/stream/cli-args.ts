import { parseArgs } from "node:util";
import { defenderTables } from "@/kql/catalog";
import { parseTableMix, type TableWeights } from "./table-mix";

export interface CliOptions {
  readonly rate: number;
  readonly count: number | undefined;
  readonly seed: string | number;
  readonly tables: TableWeights | undefined;
  readonly includePreview: boolean;
  readonly recordsPerMessage: number;
  readonly malformedRate: number;
  readonly out: string;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run local-stream -- [options]

  --rate N                 events per second (default 10)
  --count N                emit N events, then exit (default: run until Ctrl-C)
  --seed S                 seed; same seed, same events (default "defender-adx-console")
  --tables SPEC            all | default | Table[=weight],...   e.g. DeviceProcessEvents=5,EmailEvents
  --preview                add the preview tables to the default mix
  --records-per-message N  records per Event Hub message (default 10)
  --malformed-rate F       share of deliberately malformed messages, 0..1 (default 0)
  --out -|FILE             NDJSON, one message per line, to stdout (-) or appended to FILE (default -)
  -h, --help               this text`;

export class CliError extends Error {}

function numberOption(name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new CliError(`Invalid --${name} '${raw}'`);
  return n;
}

/** Parses the simulator's command line; throws CliError with a readable message on bad input. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        rate: { type: "string" },
        count: { type: "string" },
        seed: { type: "string" },
        tables: { type: "string" },
        preview: { type: "boolean" },
        "records-per-message": { type: "string" },
        "malformed-rate": { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const count =
    values.count === undefined
      ? undefined
      : numberOption("count", values.count, 0, (n) => Number.isInteger(n) && n > 0);
  let tables: TableWeights | undefined;
  try {
    tables = values.tables === undefined ? undefined : parseTableMix(values.tables, defenderTables);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  return {
    rate: numberOption("rate", values.rate, 10, (n) => n > 0),
    count,
    seed: values.seed ?? "defender-adx-console",
    tables,
    includePreview: values.preview ?? false,
    recordsPerMessage: numberOption(
      "records-per-message",
      values["records-per-message"],
      10,
      (n) => Number.isInteger(n) && n >= 1,
    ),
    malformedRate: numberOption("malformed-rate", values["malformed-rate"], 0, (n) => n >= 0 && n <= 1),
    out: values.out ?? "-",
    help: values.help ?? false,
  };
}
