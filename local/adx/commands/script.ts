import { randomUUID } from "node:crypto";
import { KustoError } from "../rest/errors";
import type { CommandContext, CommandHandler } from "./context";
import { commandProperties, type ParsedCommand } from "./parsed-command";
import { columns, table } from "./result";

const SCRIPT_COLUMNS = columns(
  "OperationId:guid",
  "CommandType:string",
  "CommandText:string",
  "Result:string",
  "Reason:string",
);

/**
 * `.execute database script [with (ContinueOnErrors=true | ThrowOnErrors=true)] <| …`: runs the commands in order,
 * not transactionally. By default the first failure stops the script and the call still succeeds (the failure is in
 * `Result`/`Reason`); the commands after it are reported `Skipped` (README: choice). Read-only `.show` commands are
 * not run and are reported `Skipped`, as documented.
 */
async function executeScript(ctx: CommandContext, cmd: ParsedCommand) {
  const props = commandProperties(cmd);
  for (const key of props.keys()) {
    if (key !== "continueonerrors" && key !== "throwonerrors")
      throw KustoError.notSupported(`Script property '${key}'`);
  }
  const continueOnErrors = props.get("continueonerrors")?.toLowerCase() === "true";
  const throwOnErrors = props.get("throwonerrors")?.toLowerCase() === "true";
  if (continueOnErrors && throwOnErrors) {
    throw KustoError.badRequest("Only one of ContinueOnErrors and ThrowOnErrors may be set.");
  }
  if (cmd.nested.length === 0) throw KustoError.badRequest("The script contains no commands.");
  const rows: unknown[][] = [];
  let stopped = false;
  for (const text of cmd.nested) {
    const id = randomUUID();
    if (stopped) {
      rows.push([id, "", text, "Skipped", "Not run: an earlier command in the script failed."]);
      continue;
    }
    if (/^\.\s*show\b/i.test(text)) {
      rows.push([id, "", text, "Skipped", "Read-only commands are not run in a script."]);
      continue;
    }
    if (/^\.\s*execute\s+database\s+script\b/i.test(text)) {
      throw KustoError.badRequest("A database script cannot contain another '.execute database script'.");
    }
    try {
      const { commandType } = await ctx.runNested(text);
      rows.push([id, commandType, text, "Completed", ""]);
    } catch (error) {
      if (!(error instanceof KustoError)) throw error;
      if (throwOnErrors) throw error;
      rows.push([id, error.commandType ?? "", text, "Failed", error.detail]);
      if (!continueOnErrors) stopped = true;
    }
  }
  return table(SCRIPT_COLUMNS, rows);
}

/** `.execute database script` by parser `CommandKind`. */
export const SCRIPT_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ExecuteDatabaseScript: { commandType: "DatabaseScriptExecute", access: "admin", run: executeScript },
};
