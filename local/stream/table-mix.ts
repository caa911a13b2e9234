import type { CatalogTable } from "@/kql/catalog";

/** Relative share of each table in the stream. */
export type TableWeights = Readonly<Record<string, number>>;

/**
 * Default mix, shaped like a mid-size tenant: endpoint telemetry dominates (network, process, file, registry),
 * mail/identity/cloud a few percent, alerts rare. Preview tables are off unless asked for.
 */
export const DEFAULT_TABLE_WEIGHTS: TableWeights = {
  DeviceNetworkEvents: 22,
  DeviceProcessEvents: 18,
  DeviceFileEvents: 15,
  DeviceRegistryEvents: 10,
  DeviceEvents: 10,
  DeviceImageLoadEvents: 8,
  DeviceLogonEvents: 4,
  DeviceFileCertificateInfo: 1.5,
  DeviceNetworkInfo: 1,
  DeviceInfo: 1,
  CloudAppEvents: 3,
  EmailEvents: 1.5,
  EmailUrlInfo: 1,
  EmailAttachmentInfo: 0.5,
  EmailPostDeliveryEvents: 0.2,
  UrlClickEvents: 0.3,
  IdentityLogonEvents: 1.5,
  IdentityQueryEvents: 1,
  IdentityDirectoryEvents: 0.3,
  AlertEvidence: 0.3,
  AlertInfo: 0.1,
};

/** Weight a table gets when named without a weight, or when preview tables are switched on. */
const PREVIEW_WEIGHT = 0.3;

export class TableMixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TableMixError";
  }
}

/**
 * Parses `--tables`: `all`, `default`, or a comma list of `Table` / `Table=weight`
 * (e.g. `DeviceProcessEvents=5,EmailEvents`). Unknown table names are an error, listing the valid ones.
 */
export function parseTableMix(spec: string, catalog: readonly CatalogTable[]): TableWeights {
  const trimmed = spec.trim();
  if (trimmed === "" || trimmed === "default") return DEFAULT_TABLE_WEIGHTS;
  if (trimmed === "all") {
    return Object.fromEntries(resolveTableWeights(catalog, { includePreview: true }).map(([t, w]) => [t.name, w]));
  }
  const names = new Map(catalog.map((t) => [t.name.toLowerCase(), t.name]));
  const weights: Record<string, number> = {};
  for (const part of trimmed
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [rawName = "", rawWeight] = part.split("=").map((s) => s.trim());
    const name = names.get(rawName.toLowerCase());
    if (!name)
      throw new TableMixError(`Unknown table '${rawName}'. Known tables: ${catalog.map((t) => t.name).join(", ")}`);
    const weight = rawWeight === undefined ? (DEFAULT_TABLE_WEIGHTS[name] ?? PREVIEW_WEIGHT) : Number(rawWeight);
    if (!Number.isFinite(weight) || weight < 0)
      throw new TableMixError(`Weight of '${name}' must be a number >= 0, got '${rawWeight}'`);
    weights[name] = weight;
  }
  return weights;
}

/** Final weights over the catalog: explicit weights, else the default mix (+ preview tables when asked). */
export function resolveTableWeights(
  catalog: readonly CatalogTable[],
  options: { weights?: TableWeights; includePreview?: boolean },
): [CatalogTable, number][] {
  const out: [CatalogTable, number][] = [];
  for (const table of catalog) {
    const explicit = options.weights?.[table.name];
    const weight =
      explicit !== undefined
        ? explicit
        : options.weights && options.weights !== DEFAULT_TABLE_WEIGHTS
          ? 0
          : table.preview
            ? options.includePreview
              ? PREVIEW_WEIGHT
              : 0
            : (DEFAULT_TABLE_WEIGHTS[table.name] ?? PREVIEW_WEIGHT);
    if (weight > 0) out.push([table, weight]);
  }
  if (out.length === 0) throw new TableMixError("The table mix selects no table (all weights are 0).");
  return out;
}
