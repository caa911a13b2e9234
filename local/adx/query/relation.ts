/** The translator's state: CTEs emitted so far, the scopes of `let` names, and the request's context. */
import type { KustoNode } from "@/local/adx/kusto/language";

import type { CompileContext } from "./context";
import type { PathBatch } from "./path-batch";
import { Sql, sql, type SqlNode } from "./sql";
import type { ColumnInfo } from "./tree";
import type { KustoType } from "./types";

/** A tabular value: a CTE with the analyzer's columns (named as Kusto names them) in order. */
export interface Relation {
  readonly cte: string;
  readonly columns: readonly ColumnInfo[];
  /** Whether the CTE still carries the hidden `$ingestion_time` column (rows not yet aggregated). */
  readonly ingestionTime: boolean;
  /** The table name for `union withsource=`, when the relation is a plain table reference. */
  readonly tableName?: string;
}

/** A translated scalar: SQL plus its Kusto type. */
export interface Scalar {
  readonly sql: SqlNode;
  readonly type: KustoType;
}

export type Binding =
  { readonly kind: "scalar"; readonly value: Scalar } | { readonly kind: "tabular"; readonly value: Relation };

export const INGESTION_TIME = "$ingestion_time";

/** Accumulates one CTE per operator; names are `_q1`, `_q2`, …. */
export class Translator {
  private readonly ctes: { name: string; body: SqlNode }[] = [];
  private readonly scopes: Map<string, Binding>[] = [new Map()];
  /** Declared query parameters: name → Kusto type. */
  readonly declared = new Map<string, KustoType>();
  /**
   * False once the query uses something whose output row depends on other input rows (an aggregation, `take`, a
   * tabular subquery, …): see `CompiledQuery.rowLocal`.
   */
  rowLocal = true;

  /** Translates a tabular expression (set by the query compiler; kept here so scalars can hold subqueries). */
  tabular!: (node: KustoNode) => Relation;

  constructor(readonly ctx: CompileContext) {}

  /** Adds a CTE whose SELECT yields `columns` (and `$ingestion_time` when `ingestionTime`). */
  add(body: SqlNode, columns: readonly ColumnInfo[], ingestionTime: boolean, tableName?: string): Relation {
    const name = `_q${this.ctes.length + 1}`;
    this.ctes.push({ name, body });
    return { cte: name, columns, ingestionTime, tableName };
  }

  /** `WITH … SELECT <final>`. */
  finish(final: SqlNode): SqlNode {
    if (this.ctes.length === 0) return final;
    const defs = this.ctes.map((c) => sql`${Sql.id(c.name)} AS (${c.body})`);
    return sql`WITH ${Sql.join(defs, ",\n")}\n${final}`;
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  }

  bind(name: string, binding: Binding): void {
    this.scopes[this.scopes.length - 1]!.set(name, binding);
  }

  /** Runs `fn` in a nested scope (a function body's parameters and lets). */
  nested<T>(bindings: Map<string, Binding>, fn: () => T): T {
    this.scopes.push(bindings);
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }
}

/** The row a scalar expression is evaluated over (null for `print` and `let` scalars). */
export interface Env {
  readonly t: Translator;
  readonly row: Relation | null;
  /** Set by operators that batch constant paths into the row's dynamic columns (`path-batch.ts`). */
  readonly paths?: PathBatch;
}

/** SELECT list items that pass the hidden ingestion time through, when the input has it. */
export function passIngestionTime(input: Relation | null): SqlNode[] {
  return input?.ingestionTime ? [Sql.id(INGESTION_TIME)] : [];
}

/** `SELECT <items> FROM <input>` for a relation. */
export function selectFrom(items: readonly SqlNode[], input: Relation, tail?: SqlNode): SqlNode {
  const base = sql`SELECT ${Sql.join(items)} FROM ${Sql.id(input.cte)}`;
  return tail ? sql`${base} ${tail}` : base;
}

export type { KustoNode };
