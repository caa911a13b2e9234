/**
 * A tiny immutable SQL tree (the kysely model): translators build nodes, one visitor turns them into text with
 * `$n` placeholders and a parameter list. This module is the ONLY place that binds or escapes values.
 */

export type SqlNode =
  | { readonly kind: "Raw"; readonly text: string }
  | { readonly kind: "Param"; readonly value: string | number | boolean | bigint }
  | { readonly kind: "StringLiteral"; readonly value: string }
  | { readonly kind: "Identifier"; readonly name: string }
  | { readonly kind: "Concat"; readonly parts: readonly SqlNode[] }
  /** Resolved when compiled: lets a translator decide a sub-expression's form after seeing the whole operator. */
  | { readonly kind: "Lazy"; readonly resolve: () => SqlNode };

const freeze = <T extends SqlNode>(n: T): T => Object.freeze(n);

/** Factories for SQL nodes. */
export const Sql = {
  /** Trusted SQL text written by the translator itself (keywords, function names, operators). */
  raw: (text: string): SqlNode => freeze({ kind: "Raw", text }),
  /** A value from the query or the request, bound as a parameter (strings are typed VARCHAR). */
  param: (value: string | number | boolean | bigint): SqlNode => freeze({ kind: "Param", value }),
  /**
   * A string the SQL needs as a constant for the planner (JSON paths, regex patterns, timestamps), inlined with
   * quotes doubled; DuckDB's standard strings have no backslash escapes.
   */
  str: (value: string): SqlNode => freeze({ kind: "StringLiteral", value }),
  /** A quoted identifier: Kusto names go in verbatim, and DuckDB reserves words like `last` and `dec`. */
  id: (name: string): SqlNode => freeze({ kind: "Identifier", name }),
  concat: (...parts: readonly SqlNode[]): SqlNode => freeze({ kind: "Concat", parts: Object.freeze([...parts]) }),
  /** A node decided at compile time (see `path-batch.ts`); `resolve` must be pure once the operator is built. */
  lazy: (resolve: () => SqlNode): SqlNode => freeze({ kind: "Lazy", resolve }),
  join: (parts: readonly SqlNode[], separator = ", "): SqlNode => {
    const out: SqlNode[] = [];
    parts.forEach((p, i) => {
      if (i > 0) out.push(Sql.raw(separator));
      out.push(p);
    });
    return Sql.concat(...out);
  },
  /** An integer literal; only finite integers or bigints can get here, so the text is safe. */
  int: (value: number | bigint | string): SqlNode => {
    const text = String(value);
    if (!/^-?\d+$/.test(text)) throw new Error(`Not an integer: ${text}`);
    return Sql.raw(text);
  },
  /** A finite floating-point literal as DOUBLE. */
  real: (value: number): SqlNode => {
    if (Number.isNaN(value)) return Sql.raw("CAST('NaN' AS DOUBLE)");
    if (!Number.isFinite(value))
      return Sql.raw(value > 0 ? "CAST('Infinity' AS DOUBLE)" : "CAST('-Infinity' AS DOUBLE)");
    return Sql.raw(`CAST(${value.toExponential()} AS DOUBLE)`);
  },
};

type Part = SqlNode | string;

/** Template helper: literal text is raw SQL, interpolations must be nodes (or raw strings the translator wrote). */
export function sql(strings: TemplateStringsArray, ...parts: readonly Part[]): SqlNode {
  const out: SqlNode[] = [];
  strings.forEach((s, i) => {
    if (s) out.push(Sql.raw(s));
    if (i < parts.length) {
      const p = parts[i]!;
      out.push(typeof p === "string" ? Sql.raw(p) : p);
    }
  });
  return Sql.concat(...out);
}

/** Compiles a node to DuckDB text and its bound parameters, in order of appearance. */
export function compileSql(node: SqlNode): { text: string; params: (string | number | boolean | bigint)[] } {
  const params: (string | number | boolean | bigint)[] = [];
  const chunks: string[] = [];
  // The same value bound twice (a converted operand appears several times in its SQL) reuses one parameter.
  const seen = new Map<string, number>();
  const visit = (n: SqlNode): void => {
    switch (n.kind) {
      case "Raw":
        chunks.push(n.text);
        return;
      case "Param": {
        const key = `${typeof n.value}:${String(n.value)}`;
        let index = seen.get(key);
        if (index === undefined) {
          params.push(n.value);
          index = params.length;
          seen.set(key, index);
        }
        chunks.push(typeof n.value === "string" ? `CAST($${index} AS VARCHAR)` : `$${index}`);
        return;
      }
      case "StringLiteral":
        chunks.push(`'${n.value.replace(/'/g, "''")}'`);
        return;
      case "Identifier":
        chunks.push(`"${n.name.replace(/"/g, '""')}"`);
        return;
      case "Concat":
        n.parts.forEach(visit);
        return;
      case "Lazy":
        visit(n.resolve());
        return;
    }
  };
  visit(node);
  return { text: chunks.join(""), params };
}
