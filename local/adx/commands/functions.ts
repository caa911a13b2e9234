import type { FunctionInfo } from "../storage/catalog";
import { diagnosticsOf, lineAndColumn, parseAndAnalyze } from "../kusto/language";
import { KustoError } from "../rest/errors";
import { type CommandContext, type CommandHandler, journal } from "./context";
import { commandProperties, firstPart, nameValue, type ParsedCommand, partText } from "./parsed-command";
import { columns, type ResultTable, table } from "./result";

const FUNCTION_COLUMNS = columns(
  "Name:string",
  "Parameters:string",
  "Body:string",
  "Folder:string",
  "DocString:string",
);
const KNOWN_PROPERTIES = new Set(["docstring", "folder", "skipvalidation", "view"]);

function row(f: FunctionInfo): unknown[] {
  return [f.name, f.parameters, f.body, f.folder, f.docstring];
}

function functionNameOf(cmd: ParsedCommand): string {
  const part = firstPart(cmd, "FunctionName");
  if (!part) throw KustoError.badRequest("The command names no function.");
  return nameValue(part);
}

function requireFunction(ctx: CommandContext, name: string): FunctionInfo {
  const f = ctx.storage.catalog.functions.get(name);
  if (!f) throw KustoError.entityNotFound(name, "ExpressionFunction");
  return f;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === "true";
}

/**
 * Semantic diagnostics inside the function's parameters and body, from analysing the whole command against the
 * current schema (the body is a real, analysed FunctionBody in Microsoft's parser).
 */
function validateBody(ctx: CommandContext, cmd: ParsedCommand, from: number): void {
  const code = parseAndAnalyze(cmd.text, ctx.globals());
  const problem = diagnosticsOf(code).find((d) => d.severity === "Error" && d.start >= from);
  if (problem) {
    const { line, column } = lineAndColumn(cmd.text, problem.start);
    throw KustoError.semantic(
      `${problem.code}: ${problem.message} (line ${line}, column ${column}, position ${problem.start})`,
      problem.code,
    );
  }
}

async function createFunction(ctx: CommandContext, cmd: ParsedCommand, orAlter: boolean): Promise<ResultTable> {
  const name = functionNameOf(cmd);
  const params = firstPart(cmd, "Parameters");
  const body = firstPart(cmd, "Body");
  if (!params || !body) throw KustoError.badRequest("The function declaration has no parameter list or body.");
  const props = commandProperties(cmd);
  for (const key of props.keys()) {
    if (!KNOWN_PROPERTIES.has(key)) throw KustoError.notSupported(`Function property '${key}'`);
  }
  if (truthy(props.get("view"))) throw KustoError.notSupported("A view function (view=true)");
  const existing = ctx.storage.catalog.functions.get(name);
  if (existing && !orAlter) {
    // `.create function ifnotexists` is a no-op on an existing function.
    if (/^\s*\.create\s+function\s+ifnotexists\b/i.test(cmd.text)) return table(FUNCTION_COLUMNS, [row(existing)]);
    throw KustoError.entityExists(name, "Function");
  }
  const skipValidation = truthy(props.get("skipvalidation"));
  if (!skipValidation) validateBody(ctx, cmd, params.start);
  const info = {
    name,
    parameters: partText(cmd, params),
    body: partText(cmd, body),
    folder: props.get("folder") ?? "",
    docstring: props.get("docstring") ?? "",
    skipValidation,
  };
  await ctx.storage.change(async (tx) => {
    await tx.putFunction(info);
    await journal(tx, ctx, cmd, {
      event: existing ? "ALTER-FUNCTION" : "CREATE-FUNCTION",
      entity: name,
      before: existing ? `${existing.parameters} ${existing.body}` : "",
      after: `${info.parameters} ${info.body}`,
    });
  });
  return table(FUNCTION_COLUMNS, [row(requireFunction(ctx, name))]);
}

async function dropFunction(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable> {
  const name = functionNameOf(cmd);
  const existing = ctx.storage.catalog.functions.get(name);
  if (!existing) {
    if (/\bifexists\s*$/i.test(cmd.text.trim())) return table(columns("Name:string"), []);
    throw KustoError.entityNotFound(name, "ExpressionFunction");
  }
  await ctx.storage.change(async (tx) => {
    await tx.dropFunction(name);
    await journal(tx, ctx, cmd, {
      event: "DROP-FUNCTION",
      entity: name,
      before: `${existing.parameters} ${existing.body}`,
    });
  });
  return table(columns("Name:string"), [[name]]);
}

/** Function commands by parser `CommandKind`. */
export const FUNCTION_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  CreateFunction: { commandType: "FunctionCreate", access: "write", run: (c, p) => createFunction(c, p, false) },
  CreateOrAlterFunction: {
    commandType: "FunctionCreateOrAlter",
    access: "write",
    run: (c, p) => createFunction(c, p, true),
  },
  DropFunction: { commandType: "FunctionDrop", access: "write", run: dropFunction },
  ShowFunctions: {
    commandType: "FunctionsShow",
    access: "read",
    run: async (ctx) => table(FUNCTION_COLUMNS, [...ctx.storage.catalog.functions.values()].map(row)),
  },
  ShowFunction: {
    commandType: "FunctionShow",
    access: "read",
    run: async (ctx, cmd) => table(FUNCTION_COLUMNS, [row(requireFunction(ctx, functionNameOf(cmd)))]),
  },
};
