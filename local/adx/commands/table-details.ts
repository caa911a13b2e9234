import { kustoFromDuckText } from "../storage/time";
import type { CommandContext, CommandHandler } from "./context";
import { effectivePolicy } from "./effective-policies";
import type { ParsedCommand } from "./parsed-command";
import { columns, type ResultTable, table } from "./result";
import { requireTable, selectedTables, tableNameOf } from "./tables";

/** The 23 columns of `.show tables details` / `.show table T details` (adx-reference.md §1.2). */
export const DETAILS_COLUMNS = columns(
  "TableName:string",
  "DatabaseName:string",
  "Folder:string",
  "DocString:string",
  "TotalExtents:long",
  "TotalExtentSize:real",
  "TotalOriginalSize:real",
  "TotalRowCount:long",
  "HotExtents:long",
  "HotExtentSize:real",
  "HotOriginalSize:real",
  "HotRowCount:long",
  "AuthorizedPrincipals:string",
  "RetentionPolicy:string",
  "CachingPolicy:string",
  "ShardingPolicy:string",
  "MergePolicy:string",
  "StreamingIngestionPolicy:string",
  "IngestionBatchingPolicy:string",
  "MinExtentsCreationTime:datetime",
  "MaxExtentsCreationTime:datetime",
  "RowOrderPolicy:string",
  "TableId:guid",
);

async function details(ctx: CommandContext, cmd: ParsedCommand, single: boolean): Promise<ResultTable> {
  const tables = single ? [requireTable(ctx, tableNameOf(cmd))] : selectedTables(ctx, cmd);
  const stats = await ctx.storage.extentStats();
  const catalog = ctx.storage.catalog;
  const rows = tables.map((t) => {
    const s = stats.get(t.name);
    const extents = Number(s?.extents ?? 0n);
    const rowsCount = Number(s?.rows ?? 0n);
    const size = s?.extentSize ?? 0;
    const original = s?.originalSize ?? 0;
    return [
      t.name,
      ctx.database,
      t.folder,
      t.docstring,
      extents,
      size,
      original,
      rowsCount,
      // Every extent is hot: the engine has no cold tier.
      extents,
      size,
      original,
      rowsCount,
      "[]",
      effectivePolicy(catalog, t.name, "retention") ?? "null",
      "null",
      "null",
      "null",
      "null",
      effectivePolicy(catalog, t.name, "ingestionbatching") ?? "null",
      s?.minCreated ? kustoFromDuckText(s.minCreated) : null,
      s?.maxCreated ? kustoFromDuckText(s.maxCreated) : null,
      "null",
      t.tableId,
    ];
  });
  return table(DETAILS_COLUMNS, rows);
}

/** `.show tables [(…)] details` and `.show table T details`. */
export const DETAILS_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ShowTablesDetails: { commandType: "TablesShowDetails", access: "read", run: (c, p) => details(c, p, false) },
  ShowTableDetails: { commandType: "TableShowDetails", access: "read", run: (c, p) => details(c, p, true) },
};
