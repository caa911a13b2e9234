import { ingestFormatOf } from "../ingest/decode";
import { ingestBlobs } from "../ingest/ingest-blobs";
import { KustoError } from "../rest/errors";
import type { CommandContext, CommandHandler } from "./context";
import { commandProperties, firstPart, type ParsedCommand, partText } from "./parsed-command";
import { columns, type ResultTable, table } from "./result";
import { requireTable, tableNameOf } from "./tables";

const ZERO_GUID = "00000000-0000-0000-0000-000000000000";
const KNOWN = new Set(["format", "ingestionmappingreference"]);

/** The context's caller as the ingestion pipeline reports it. */
export function ingestCaller(ctx: CommandContext): { principal: string; user: string; activityId: string } {
  return { principal: ctx.caller.principal, user: ctx.caller.user, activityId: ctx.caller.activityId };
}

/**
 * `.ingest inline into table T [with (format=…, ingestionMappingReference=…)] <| data`: one blob, one extent.
 * Returns one `ExtentId` row per extent created in T, or the all-zero GUID when none was (adx-reference §2.4).
 */
async function ingestInline(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const name = tableNameOf(cmd);
  requireTable(ctx, name);
  const props = commandProperties(cmd);
  if (props.has("ingestionmapping")) {
    if (props.has("ingestionmappingreference")) {
      throw KustoError.badRequest(
        "Both ingestionMapping and ingestionMappingReference were given.",
        "BadRequest_DuplicateMapping",
      );
    }
    throw KustoError.notSupported("An inline ingestionMapping (create the mapping and use ingestionMappingReference)");
  }
  for (const key of props.keys()) if (!KNOWN.has(key)) throw KustoError.notSupported(`The ingestion property '${key}'`);
  const data = firstPart(cmd, "Data");
  const text = data ? partText(cmd, data) : "";
  const result = await ingestBlobs(
    {
      storage: ctx.storage,
      database: ctx.database,
      caller: ingestCaller(ctx),
      operationKind: "DataIngestPull",
      sourcePath: "inline",
    },
    name,
    [
      {
        text,
        format: ingestFormatOf(props.get("format")),
        mappingName: props.get("ingestionmappingreference") || null,
        sourcePath: "inline",
      },
    ],
    true,
  );
  const mine = result.extents.filter((e) => e.table === name).map((e) => [e.extentId]);
  return table(columns("ExtentId:guid"), mine.length > 0 ? mine : [[ZERO_GUID]]);
}

/** `.ingest inline` by parser `CommandKind`. */
export const INGEST_INLINE_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  IngestInlineIntoTable: { commandType: "DataIngestPull", access: "ingest", run: ingestInline },
};
