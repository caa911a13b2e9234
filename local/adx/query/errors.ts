/** Errors the query translator raises; the engine turns them into Kusto-style HTTP 400 answers. */
import type { KustoDiagnostic } from "@/local/adx/kusto/language";

/** Kusto error categories the REST layer maps to `error.code`. */
export type KustoErrorCode = "BadRequest_SyntaxError" | "General_BadRequest" | `SEM${string}`;

/**
 * A query the local engine refuses: an analyzer diagnostic (code `KS…`) or a construct outside the supported subset
 * (code `LQ0xx`). `start`/`length` point into the query text when known.
 */
export class QueryError extends Error {
  override readonly name = "QueryError";
  constructor(
    message: string,
    readonly code: string,
    readonly kustoCode: KustoErrorCode,
    readonly start?: number,
    readonly length?: number,
  ) {
    super(message);
  }

  /** The first error diagnostic of the analyzer, as a syntax error when the parser raised it. */
  static fromDiagnostic(d: KustoDiagnostic, syntax: boolean): QueryError {
    return new QueryError(
      d.message,
      d.code,
      syntax ? "BadRequest_SyntaxError" : "General_BadRequest",
      d.start,
      d.length,
    );
  }
}

/** Stable codes for what the local engine does not translate. */
export const LQ = {
  unsupportedOperator: "LQ001",
  unsupportedFunction: "LQ002",
  unsupportedExpression: "LQ003",
  unsupportedStatement: "LQ004",
  badParameter: "LQ005",
  internal: "LQ099",
} as const;

interface Spanned {
  readonly TextStart?: number;
  readonly Width?: number;
}

function span(node: Spanned | null | undefined): [number | undefined, number | undefined] {
  return node ? [node.TextStart, node.Width] : [undefined, undefined];
}

/** `Operator 'join' is not supported by the local engine`. */
export function unsupportedOperator(name: string, node?: Spanned): QueryError {
  return new QueryError(
    `Operator '${name}' is not supported by the local engine`,
    LQ.unsupportedOperator,
    "General_BadRequest",
    ...span(node),
  );
}

/** `Function 'series_fit_line' is not supported by the local engine`. */
export function unsupportedFunction(name: string, node?: Spanned): QueryError {
  return new QueryError(
    `Function '${name}' is not supported by the local engine`,
    LQ.unsupportedFunction,
    "General_BadRequest",
    ...span(node),
  );
}

/** Any other construct outside the supported subset, described in words. */
export function unsupported(what: string, node?: Spanned, code: string = LQ.unsupportedExpression): QueryError {
  return new QueryError(`${what} is not supported by the local engine`, code, "General_BadRequest", ...span(node));
}
