import type { CommandHandler } from "./context";
import { INGESTION_FAILURE_COMMANDS } from "./ingest-failures";
import { INGEST_FROM_QUERY_COMMANDS } from "./ingest-from-query";
import { INGEST_INLINE_COMMANDS } from "./ingest-inline";

/** The ingestion commands (`.ingest inline`, `.set*`/`.append`, `.show ingestion failures`) by `CommandKind`. */
export const INGEST_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ...INGEST_INLINE_COMMANDS,
  ...INGEST_FROM_QUERY_COMMANDS,
  ...INGESTION_FAILURE_COMMANDS,
};
