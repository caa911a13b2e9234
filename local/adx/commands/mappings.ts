import type { MappingInfo } from "../storage/catalog";
import { KustoError } from "../rest/errors";
import { type CommandContext, type CommandHandler, journal } from "./context";
import { firstPart, literalValue, type ParsedCommand, partText } from "./parsed-command";
import { columns, type ResultTable, table } from "./result";
import { requireTable, tableNameOf } from "./tables";

const MAPPING_COLUMNS = columns(
  "Name:string",
  "Kind:string",
  "Mapping:string",
  "LastUpdatedOn:datetime",
  "Database:string",
  "Table:string",
);

function row(m: MappingInfo, database: string): unknown[] {
  return [m.name, m.kind, m.mapping, m.lastUpdatedOn, database, m.table];
}

/** Mapping kind as reported (`JSON`, `CSV`, …: the documented examples are upper case). */
function kindOf(cmd: ParsedCommand): string | null {
  const part = firstPart(cmd, "MappingKind");
  return part ? partText(cmd, part).toUpperCase() : null;
}

function mappingNameOf(cmd: ParsedCommand): string {
  const part = firstPart(cmd, "MappingName");
  if (!part) throw KustoError.badRequest("The command names no mapping.");
  return literalValue(cmd, part);
}

/**
 * Checks the mapping JSON: an array of elements, each naming a target `column`. Both the seed's form
 * (`{"column","path","datatype","transform"}`) and the documented `Properties.Path` form are accepted; the text is
 * stored exactly as sent.
 */
function validateMapping(text: string, kind: string): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw KustoError.badRequest(`Mapping is not valid JSON: ${(error as Error).message}`, "BadRequest_InvalidMapping");
  }
  if (!Array.isArray(json) || json.length === 0) {
    throw KustoError.badRequest(
      "Mapping must be a non-empty JSON array of column mappings.",
      "BadRequest_InvalidMapping",
    );
  }
  json.forEach((element, i) => {
    if (typeof element !== "object" || element === null || Array.isArray(element)) {
      throw KustoError.badRequest(`Mapping element ${i} is not an object.`, "BadRequest_InvalidMapping");
    }
    const entries = Object.entries(element as Record<string, unknown>);
    const column = entries.find(([k]) => k.toLowerCase() === "column")?.[1];
    if (typeof column !== "string" || column === "") {
      throw KustoError.badRequest(`Mapping element ${i} has no 'column'.`, "BadRequest_InvalidMapping");
    }
    if (kind === "JSON") {
      const properties = entries.find(([k]) => k.toLowerCase() === "properties")?.[1] as
        Record<string, unknown> | undefined;
      const path = entries.find(([k]) => k.toLowerCase() === "path")?.[1] ?? properties?.Path ?? properties?.path;
      const constValue = properties?.ConstValue ?? properties?.constValue;
      const transform = entries.find(([k]) => k.toLowerCase() === "transform")?.[1] ?? properties?.Transform;
      if (path === undefined && constValue === undefined && (transform === undefined || transform === null)) {
        throw KustoError.badRequest(
          `Mapping element ${i} (column '${column}') needs a 'path' / Properties.Path or a ConstValue.`,
          "BadRequest_InvalidMapping",
        );
      }
      if (path !== undefined && (typeof path !== "string" || !path.startsWith("$"))) {
        throw KustoError.badRequest(
          `Mapping element ${i} (column '${column}'): path must start with '$'.`,
          "BadRequest_InvalidMapping",
        );
      }
    }
  });
}

async function create(
  ctx: CommandContext,
  cmd: ParsedCommand,
  mode: "create" | "createOrAlter" | "alter",
): Promise<ResultTable> {
  const tableName = tableNameOf(cmd);
  requireTable(ctx, tableName);
  const kind = kindOf(cmd) ?? "JSON";
  const name = mappingNameOf(cmd);
  const format = firstPart(cmd, "MappingFormat");
  if (!format) throw KustoError.badRequest("The command has no mapping text.");
  const text = literalValue(cmd, format);
  validateMapping(text, kind);
  const existing = ctx.storage.catalog.mappings.find(
    (m) => m.table === tableName && m.kind === kind && m.name === name,
  );
  if (existing && mode === "create") throw KustoError.entityExists(name, "IngestionMapping");
  if (!existing && mode === "alter") throw KustoError.entityNotFound(name, "IngestionMapping");
  await ctx.storage.change(async (tx) => {
    await tx.putMapping(tableName, name, kind, text);
    await journal(tx, ctx, cmd, {
      event: existing ? "ALTER-INGESTION-MAPPING" : "CREATE-INGESTION-MAPPING",
      entity: name,
      container: `[${ctx.database}].[${tableName}]`,
      before: existing?.mapping ?? "",
      after: text,
    });
  });
  const saved = ctx.storage.catalog.mappings.filter((m) => m.table === tableName && m.kind === kind && m.name === name);
  return table(
    MAPPING_COLUMNS,
    saved.map((m) => row(m, ctx.database)),
  );
}

async function show(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const tableName = tableNameOf(cmd);
  requireTable(ctx, tableName);
  const kind = kindOf(cmd);
  const namePart = firstPart(cmd, "MappingName");
  const name = namePart ? literalValue(cmd, namePart) : null;
  const found = ctx.storage.catalog.mappings.filter(
    (m) => m.table === tableName && (kind === null || m.kind === kind) && (name === null || m.name === name),
  );
  if (name !== null && found.length === 0) throw KustoError.entityNotFound(name, "IngestionMapping");
  return table(
    MAPPING_COLUMNS,
    found.map((m) => row(m, ctx.database)),
  );
}

async function drop(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const tableName = tableNameOf(cmd);
  requireTable(ctx, tableName);
  const kind = kindOf(cmd) ?? "JSON";
  const name = mappingNameOf(cmd);
  const existing = ctx.storage.catalog.mappings.find(
    (m) => m.table === tableName && m.kind === kind && m.name === name,
  );
  if (!existing) throw KustoError.entityNotFound(name, "IngestionMapping");
  await ctx.storage.change(async (tx) => {
    await tx.dropMapping(tableName, name, kind);
    await journal(tx, ctx, cmd, {
      event: "DROP-INGESTION-MAPPING",
      entity: name,
      container: `[${ctx.database}].[${tableName}]`,
      before: existing.mapping,
    });
  });
  // The remaining mappings of the table (same schema as the other mapping commands).
  const rest = ctx.storage.catalog.mappings.filter((m) => m.table === tableName);
  return table(
    MAPPING_COLUMNS,
    rest.map((m) => row(m, ctx.database)),
  );
}

/** Ingestion mapping commands by parser `CommandKind`. */
export const MAPPING_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  CreateTableIngestionMapping: {
    commandType: "TableIngestionMappingCreate",
    access: "write",
    run: (c, p) => create(c, p, "create"),
  },
  CreateOrAlterTableIngestionMapping: {
    commandType: "TableIngestionMappingCreateOrAlter",
    access: "write",
    run: (c, p) => create(c, p, "createOrAlter"),
  },
  AlterTableIngestionMapping: {
    commandType: "TableIngestionMappingAlter",
    access: "write",
    run: (c, p) => create(c, p, "alter"),
  },
  ShowTableIngestionMappings: { commandType: "TableIngestionMappingsShow", access: "read", run: show },
  ShowTableIngestionMapping: { commandType: "TableIngestionMappingShow", access: "read", run: show },
  DropTableIngestionMapping: { commandType: "TableIngestionMappingDrop", access: "write", run: drop },
};
