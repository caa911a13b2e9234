import { listFailures } from "../ingest/failures";
import { KustoError } from "../rest/errors";
import type { CommandContext, CommandHandler } from "./context";
import { firstPart, literalValue, type ParsedCommand } from "./parsed-command";
import { columns, type ResultTable, table } from "./result";

/**
 * `.show ingestion failures`: the documented column order (docs, not the parser's declaration — README), with
 * NumberOfSources as int and ShouldRetry last.
 */
export const INGESTION_FAILURES_COLUMNS = columns(
  "OperationId:guid",
  "Database:string",
  "Table:string",
  "FailedOn:datetime",
  "IngestionSourcePath:string",
  "Details:string",
  "FailureKind:string",
  "RootActivityId:guid",
  "OperationKind:string",
  "OriginatesFromUpdatePolicy:bool",
  "ErrorCode:string",
  "Principal:string",
  "User:string",
  "IngestionProperties:string",
  "NumberOfSources:int",
  "ShouldRetry:bool",
);

async function show(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const part = firstPart(cmd, "OperationId");
  const operationId = part ? literalValue(cmd, part).trim() : undefined;
  if (
    operationId !== undefined &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(operationId)
  ) {
    throw KustoError.badRequest(`OperationId '${operationId}' is not a guid.`);
  }
  const rows = (await listFailures(ctx.storage, operationId)).map((f) => [
    f.operationId,
    f.database,
    f.table,
    f.failedOn,
    f.sourcePath,
    f.details,
    f.failureKind,
    f.rootActivityId,
    f.operationKind,
    f.fromUpdatePolicy,
    f.errorCode,
    f.principal,
    f.user,
    f.ingestionProperties,
    f.numberOfSources,
    f.shouldRetry,
  ]);
  return table(INGESTION_FAILURES_COLUMNS, rows);
}

/** `.show ingestion failures` by parser `CommandKind`. */
export const INGESTION_FAILURE_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ShowIngestionFailures: { commandType: "IngestionFailuresShow", access: "read", run: show },
};
