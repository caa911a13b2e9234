import { KustoError } from "../rest/errors";
import { type CommandContext, type CommandHandler, mayRun } from "./context";
import { DETAILS_COMMANDS } from "./table-details";
import { FUNCTION_COMMANDS } from "./functions";
import { INGEST_COMMANDS } from "./ingest-commands";
import { MAPPING_COMMANDS } from "./mappings";
import { OPERATION_COMMANDS } from "./operations";
import { parseCommand } from "./parsed-command";
import { PRINCIPAL_COMMANDS } from "./principals";
import type { ResultTable } from "./result";
import { RETENTION_BATCHING_COMMANDS } from "./retention-batching";
import { SCRIPT_COMMANDS } from "./script";
import { TABLE_COMMANDS } from "./tables";
import { UPDATE_POLICY_COMMANDS } from "./update-policy";

/** Every supported command, keyed by the parser's `CommandKind`. */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ...TABLE_COMMANDS,
  ...DETAILS_COMMANDS,
  ...FUNCTION_COMMANDS,
  ...MAPPING_COMMANDS,
  ...UPDATE_POLICY_COMMANDS,
  ...RETENTION_BATCHING_COMMANDS,
  ...OPERATION_COMMANDS,
  ...SCRIPT_COMMANDS,
  ...PRINCIPAL_COMMANDS,
  ...INGEST_COMMANDS,
};

/** The command's verb as written (`.create-or-alter function`), for messages. */
function verbOf(text: string): string {
  return text.trim().split(/\s+/).slice(0, 2).join(" ");
}

/** The outcome of one command. */
export interface CommandOutcome {
  readonly commandType: string;
  readonly result: ResultTable;
  /** `query` when query operators shaped the result (v1 types it like a query: bool is `SByte`). */
  readonly typedAs?: "command" | "query";
}

/**
 * Parses a control command with Microsoft's parser, checks the caller's role and runs it. Unknown and unsupported
 * commands fail with a Kusto-style 400 that names them.
 */
export async function executeCommand(ctx: CommandContext, text: string): Promise<CommandOutcome> {
  const cmd = parseCommand(text, ctx.globals());
  if (cmd.kind === null) {
    throw KustoError.notSupported(`The command '${verbOf(text)}' is unknown to Kusto's parser and`);
  }
  const handler = COMMANDS[cmd.kind];
  if (!handler) throw KustoError.notSupported(`The command '${verbOf(text)}' (${cmd.kind})`);
  if (!mayRun(ctx.caller.role, handler.access)) {
    throw KustoError.forbidden(ctx.caller.principal, handler.commandType, `[${ctx.database}]`);
  }
  // Changing commands run one at a time (check-then-change must not interleave); a script only sequences its
  // nested commands, each of which takes the turn itself.
  const serialize = (handler.access === "write" || handler.access === "admin") && cmd.kind !== "ExecuteDatabaseScript";
  const run = () => (serialize ? ctx.storage.serializeCommand(() => handler.run(ctx, cmd)) : handler.run(ctx, cmd));
  if (cmd.piped) {
    // `.show … | <operators>`: loaded lazily, like queries (plain commands never depend on the translator).
    const { runPipedCommand } = await import("./piped");
    return { commandType: handler.commandType, result: await runPipedCommand(ctx, cmd, run), typedAs: "query" };
  }
  return { commandType: handler.commandType, result: await run() };
}

/** The command type of a text for the request log, without running it (`Unknown` when it does not parse). */
export function commandTypeOf(ctx: CommandContext, text: string): string {
  try {
    const cmd = parseCommand(text, ctx.globals());
    return (cmd.kind && COMMANDS[cmd.kind]?.commandType) ?? cmd.kind ?? "Unknown";
  } catch {
    return "Unknown";
  }
}
