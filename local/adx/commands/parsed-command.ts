import { type GlobalState, type KustoNode, lineAndColumn, nodeType, parse, toArray } from "../kusto/language";
import { KustoError } from "../rest/errors";

/** One named part of a command (`TableName`, `ColumnType`, `PropertyValue`, …) with its text span. */
export interface CommandPart {
  readonly node: KustoNode;
  readonly nodeType: string;
  readonly start: number;
  readonly end: number;
}

/** A control command as Microsoft's parser sees it: its kind and its named parts, in text order. */
export interface ParsedCommand {
  readonly text: string;
  /** `CommandKind` of the root `CustomCommand` (e.g. `CreateTable`), or null for an unknown command. */
  readonly kind: string | null;
  /** True when query operators are piped after the command (`.show tables | where …`). */
  readonly piped: boolean;
  /** Named parts of this command only (parts of commands nested in a script are excluded). */
  readonly parts: ReadonlyMap<string, readonly CommandPart[]>;
  /** Texts of the commands nested in `.execute database script <| …`, in order. */
  readonly nested: readonly string[];
}

const cache = new Map<string, ParsedCommand>();
const CACHE_LIMIT = 2000;

/**
 * Parses a command with Microsoft's parser (syntax only: names are resolved by the handlers against storage).
 * Results are cached by text, because one parse costs ~70–100 ms. Throws a `BadRequest_SyntaxError` KustoError
 * naming line, column and position of the first syntax diagnostic.
 */
export function parseCommand(text: string, globals: GlobalState): ParsedCommand {
  const hit = cache.get(text);
  if (hit) return hit;
  const code = parse(text, globals);
  const syntax = toArray(code.GetSyntaxDiagnostics());
  const first = syntax[0];
  if (first) {
    const start = Number(first.Start);
    const { line, column } = lineAndColumn(text, start);
    throw KustoError.syntax(
      `${String(first.Code)}: ${String(first.Message)} (line ${line}, column ${column}, position ${start})`,
      String(first.Code),
    );
  }
  const parsed = describe(text, code.Syntax);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, parsed);
  return parsed;
}

function describe(text: string, root: KustoNode): ParsedCommand {
  let command: KustoNode = null;
  let piped = false;
  let unknown = false;
  root.WalkElements((e: KustoNode) => {
    if (command || unknown) return;
    const type = nodeType(e);
    if (type === "PipeExpression") piped = true;
    if (type === "UnknownCommand") unknown = true;
    if (type === "CustomCommand") command = e;
  });
  if (!command) return { text, kind: null, piped, parts: new Map(), nested: [] };
  const top = command;
  const nestedSpans: [number, number][] = [];
  const parts = new Map<string, CommandPart[]>();
  top.WalkElements((e: KustoNode) => {
    if (e === top) return;
    const start = Number(e.TextStart);
    const end = start + Number(e.Width);
    const type = nodeType(e);
    if (type === "CustomCommand") {
      nestedSpans.push([start, end]);
      return;
    }
    if (nestedSpans.some(([s, f]) => start >= s && end <= f)) return;
    const name = e.NameInParent ? String(e.NameInParent) : "";
    if (!name) return;
    const list = parts.get(name) ?? [];
    list.push({ node: e, nodeType: type, start, end });
    parts.set(name, list);
  });
  const kind = top.CommandKind == null ? null : String(top.CommandKind);
  return { text, kind, piped, parts, nested: nestedSpans.map(([s, f]) => text.slice(s, f)) };
}

/** The source text of a part, exactly as written. */
export function partText(cmd: ParsedCommand, part: CommandPart): string {
  return cmd.text.slice(part.start, part.end);
}

/** All parts with a name. */
export function partsNamed(cmd: ParsedCommand, name: string): readonly CommandPart[] {
  return cmd.parts.get(name) ?? [];
}

/** The value of a name part (`TableName`, `FunctionName`, …): brackets and quotes removed. */
export function nameValue(part: CommandPart): string {
  const n = part.node;
  if (n.SimpleName != null) return String(n.SimpleName);
  return String(n.Text ?? n.ToString());
}

/** The value of a literal part: strings unescaped (`'a\'b'`, `@'…'`, multi-line); other literals as their text. */
export function literalValue(cmd: ParsedCommand, part: CommandPart): string {
  const value = part.node.LiteralValue;
  if (typeof value === "string") return value;
  return partText(cmd, part);
}

/** The first part with a name, or undefined. */
export function firstPart(cmd: ParsedCommand, name: string): CommandPart | undefined {
  return cmd.parts.get(name)?.[0];
}

/** `with (name = value, …)` properties: lower-cased names → literal values. */
export function commandProperties(cmd: ParsedCommand): Map<string, string> {
  const names = partsNamed(cmd, "PropertyName");
  const values = partsNamed(cmd, "PropertyValue");
  const props = new Map<string, string>();
  // Names and values alternate in text order; pair each name with the first value after it.
  for (const name of names) {
    const value = values.find((v) => v.start > name.start);
    const key = (nodeType(name.node) === "NameDeclaration" ? nameValue(name) : partText(cmd, name)).toLowerCase();
    props.set(key, value ? literalValue(cmd, value) : "");
  }
  return props;
}
