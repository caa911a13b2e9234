import "server-only";
import { kustoRuntime } from "@/lib/kusto-runtime";
import type { MappingRow, PolicyRow } from "./show-schemas";

/** What the state read takes from `.show database … schema as csl script` (shared between reads: do not mutate). */
export interface ScriptFacts {
  /** One row per table with an update policy, shaped like `.show table * policy update` (EntityName = table). */
  readonly updatePolicies: readonly PolicyRow[];
  /** Every table-level ingestion mapping, shaped like `.show table T ingestion mappings` (with `Table`). */
  readonly mappings: readonly MappingRow[];
}

interface Token {
  readonly text: string;
  readonly literal: boolean;
}

/**
 * Finds the update policies and ingestion mappings in the rows of `.show database D schema as csl script`. ADX
 * documents what the script holds, not each command's spelling, so the commands are read from the tokens of
 * Microsoft's own lexer (any quoting of names and literals, `.alter`/`.alter-merge`, `.create`/`.create-or-alter`,
 * a database-qualified name, one command per row or several in one row); every other command is ignored.
 */
export function readSchemaScript(rows: readonly string[]): ScriptFacts {
  // Lexing the whole script costs ~25–45 ms (function bodies are most of it) and every status read sends the same
  // script until the schema changes: the last answer is kept.
  const key = rows.join("\u0000");
  if (last?.key === key) return last.facts;
  const facts = lexFacts(rows);
  last = { key, facts };
  return facts;
}

let last: { key: string; facts: ScriptFacts } | undefined;

function lexFacts(rows: readonly string[]): ScriptFacts {
  const facts = { updatePolicies: [] as PolicyRow[], mappings: [] as MappingRow[] };
  for (const row of rows) {
    const tokens = lex(row);
    for (let i = 0; i < tokens.length; i += 1) {
      if (tokens[i]!.text !== ".") continue;
      const command = new Reader(tokens, i + 1);
      const verb = command.verb();
      if (verb === null || !command.word("table")) continue;
      const table = command.name();
      if (table === null) continue;
      if (/^alter(-merge)?$/.test(verb) && command.word("policy") && command.word("update")) {
        const policy = command.literal();
        if (policy !== null) {
          facts.updatePolicies.push({
            PolicyName: "UpdatePolicy",
            EntityName: table,
            Policy: policy,
            ChildEntities: "",
            EntityType: "Table",
          });
        }
      } else if (/^(create|create-or-alter|alter)$/.test(verb) && command.word("ingestion")) {
        const kind = command.anyWord();
        if (kind === null || !command.word("mapping")) continue;
        const name = command.literal();
        const mapping = command.literal();
        if (name !== null && mapping !== null)
          facts.mappings.push({ Name: name, Kind: kind, Mapping: mapping, Table: table });
      }
    }
  }
  return facts;
}

function lex(text: string): Token[] {
  const { Kusto } = kustoRuntime();
  const literalKind = Kusto.Language.Syntax.SyntaxKind.StringLiteralToken;
  const out: Token[] = [];
  for (const t of Kusto.Language.Parsing.TokenParser.ParseTokens(text)) {
    const literal = t.Kind === literalKind;
    out.push({
      text: literal ? String(Kusto.Language.KustoFacts.GetStringLiteralValue(t.Text)) : String(t.Text),
      literal,
    });
  }
  return out;
}

/** Walks a command's tokens; each method consumes what it matched, or nothing and answers null/false. */
class Reader {
  constructor(
    private readonly tokens: readonly Token[],
    private at: number,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  /** A word that is not a literal (keywords and identifiers alike), lower-cased. */
  anyWord(): string | null {
    const t = this.peek();
    if (!t || t.literal || !/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(t.text)) return null;
    this.at += 1;
    return t.text.toLowerCase();
  }

  word(expected: string): boolean {
    const t = this.peek();
    if (!t || t.literal || t.text.toLowerCase() !== expected) return false;
    this.at += 1;
    return true;
  }

  /** A hyphenated command verb (`create-or-alter`, which the query lexer splits at each hyphen). */
  verb(): string | null {
    let verb = this.anyWord();
    while (verb !== null && this.peek()?.text === "-") {
      this.at += 1;
      const next = this.anyWord();
      if (next === null) return null;
      verb = `${verb}-${next}`;
    }
    return verb;
  }

  /** `T`, `['T']` or a qualified `Db.T` / `['Db'].['T']`: the last part. */
  name(): string | null {
    let name = this.namePart();
    while (name !== null && this.peek()?.text === ".") {
      this.at += 1;
      name = this.namePart();
    }
    return name;
  }

  private namePart(): string | null {
    const t = this.peek();
    if (t?.text === "[" && this.peek(1)?.literal && this.peek(2)?.text === "]") {
      this.at += 3;
      return this.tokens[this.at - 2]!.text;
    }
    if (!t || t.literal || !/^[\p{L}\p{Nd}_$]+$/u.test(t.text)) return null;
    this.at += 1;
    return t.text;
  }

  literal(): string | null {
    const t = this.peek();
    if (!t?.literal) return null;
    this.at += 1;
    return t.text;
  }
}
