/**
 * Writing a compiled query's bound values into its text. A prepared DuckDB statement that has parameters is bound
 * (planned) again at every execution — ~11 ms for one of the console's policy statements, against ~1 ms to run it
 * on an empty batch — so the policy statements the ingestion keeps prepared carry their values as literals. Each
 * literal has the type binding the value gives it (`@duckdb/node-api`'s `typeForValue`), so nothing else changes.
 */

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function literal(value: unknown): string | null {
  switch (typeof value) {
    case "string":
      // A NUL cannot be written in SQL text; such a query keeps its bound values.
      return value.includes("\u0000") ? null : sqlString(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return `CAST('${value}' AS HUGEINT)`;
    case "number":
      if (!Number.isInteger(value)) return `CAST('${String(value)}' AS DOUBLE)`;
      return value >= -2_147_483_648 && value <= 2_147_483_647
        ? `CAST(${String(value)} AS INTEGER)`
        : `CAST(${String(value)} AS BIGINT)`;
    default:
      return null;
  }
}

/**
 * `sql` with every `$n` outside quoted strings and identifiers replaced by the literal of `params[n - 1]`; null when
 * a value cannot be written as a literal (the caller then binds them).
 */
export function inlineParams(sql: string, params: readonly unknown[]): string | null {
  if (params.length === 0) return sql;
  const literals = params.map(literal);
  if (literals.some((l) => l === null)) return null;
  let out = "";
  let from = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      // Skip the quoted text ('' and "" are escaped quotes).
      for (i++; i < sql.length; i++) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i++;
          else break;
        }
      }
      continue;
    }
    // `$` inside an unquoted identifier (DuckDB allows `a$1`) is not a parameter.
    if (c !== "$" || (i > 0 && /[\w$]/.test(sql[i - 1]!))) continue;
    const m = /^\$(\d+)/.exec(sql.slice(i, i + 12));
    if (!m) continue;
    const value = literals[Number(m[1]) - 1];
    if (value === undefined) return null;
    out += sql.slice(from, i) + value;
    i += m[0].length - 1;
    from = i + 1;
  }
  return out + sql.slice(from);
}
