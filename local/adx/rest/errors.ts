/**
 * Kusto-style failures. Every non-401 error leaves the engine as a OneApiError body with ADX's HTTP status,
 * `code`, `@type` and `@message` (adx-reference.md §5.6, §2.8).
 */
export class KustoError extends Error {
  /** Set when the failing text was a nested command (`.execute database script` reports it per command). */
  commandType?: string;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly type: string,
    /** The human text (`@message`). */
    readonly detail: string,
    readonly shortMessage = "Request is invalid and cannot be executed.",
    /** Optional inner error code (`innererror.code` / `@errorCode`), e.g. a parser diagnostic code. */
    readonly innerCode?: string,
  ) {
    super(detail);
    this.name = "KustoError";
  }

  /** 400 `BadRequest_SyntaxError`. */
  static syntax(text: string, innerCode?: string): KustoError {
    return new KustoError(
      400,
      "BadRequest_SyntaxError",
      "Kusto.Data.Exceptions.SyntaxException",
      `Syntax error: ${text}`,
      undefined,
      innerCode,
    );
  }

  /** 400 `General_BadRequest` for a semantic error (unknown name, wrong type, …). */
  static semantic(text: string, innerCode?: string): KustoError {
    return new KustoError(
      400,
      "General_BadRequest",
      "Kusto.Data.Exceptions.SemanticException",
      `Semantic error: ${text}`,
      undefined,
      innerCode,
    );
  }

  /** 400 `General_BadRequest` for invalid input (bad policy JSON, out-of-range values, unsupported features). */
  static badRequest(text: string, innerCode?: string): KustoError {
    return new KustoError(
      400,
      "General_BadRequest",
      "Kusto.Data.Exceptions.KustoBadRequestException",
      `Request is invalid and cannot be processed: ${text}`,
      undefined,
      innerCode,
    );
  }

  /** 400 for something ADX can do that this engine cannot (never answered with a different meaning). */
  static notSupported(what: string): KustoError {
    return KustoError.badRequest(`${what} is not supported by the local engine.`, "LocalEngine_NotSupported");
  }

  /** 400 `BadRequest_EntityNotFound`: `Entity ID 'T' of kind 'Table' was not found.` */
  static entityNotFound(name: string, kind: string): KustoError {
    return new KustoError(
      400,
      "BadRequest_EntityNotFound",
      "Kusto.Data.Exceptions.EntityNotFoundException",
      `Entity ID '${name}' of kind '${kind}' was not found.`,
    );
  }

  /** 400 `BadRequest_EntityAlreadyExists`: `Entity 'F' of kind 'Function' already exists.` */
  static entityExists(name: string, kind: string): KustoError {
    return new KustoError(
      400,
      "BadRequest_EntityAlreadyExists",
      "Kusto.Data.Exceptions.EntityAlreadyExistsException",
      `Entity '${name}' of kind '${kind}' already exists.`,
    );
  }

  /** 404 for an unknown database, as a cluster answers it. */
  static databaseNotFound(name: string): KustoError {
    return new KustoError(
      404,
      "NotFound",
      "Kusto.Common.Svc.Exceptions.EntityNameDoesNotExistException",
      `Entity name '${name}' of kind 'Database' does not exist.`,
      `Entity name '${name}' of kind 'Database' does not exist.`,
    );
  }

  /** 403 `Forbidden` with ADX's principal/operation text. */
  static forbidden(principal: string, operation: string, resource: string): KustoError {
    return new KustoError(
      403,
      "Forbidden",
      "Kusto.Data.Exceptions.KustoRequestDeniedException",
      `Principal '${principal}' is not authorized to perform operation '${operation}' on '${resource}'.`,
      "Caller is not authorized to perform this action",
    );
  }
}

/** Request identifiers echoed in `@context`. */
export interface ErrorContext {
  readonly clientRequestId: string;
  readonly activityId: string;
}

/** The OneApiError JSON body for an error. */
export function oneApiError(error: KustoError, context: ErrorContext, text?: string, database?: string): object {
  const ctx = {
    timestamp: new Date().toISOString(),
    serviceAlias: "LOCAL-ADX",
    machineName: "local-adx",
    processName: "local-adx",
    processId: process.pid,
    clientRequestId: context.clientRequestId,
    activityId: context.activityId,
    activityType: "LocalAdx.ExecuteRequest",
  };
  return {
    error: {
      code: error.code,
      message: error.shortMessage,
      "@type": error.type,
      "@message": error.detail,
      "@context": ctx,
      "@permanent": error.status !== 429,
      ...(text !== undefined ? { "@text": text } : {}),
      ...(database !== undefined ? { "@database": database } : {}),
      ...(error.innerCode
        ? {
            innererror: {
              code: error.innerCode,
              message: error.detail,
              "@type": error.type,
              "@message": error.detail,
              "@permanent": true,
              "@errorCode": error.innerCode,
              "@errorMessage": error.detail,
            },
          }
        : {}),
    },
  };
}

/**
 * The KustoError to answer with: a KustoError as is, anything else as ADX's 520 `Internal_ServiceError`, whose stack
 * goes to `log` because the client only sees the message.
 */
export function kustoErrorOf(error: unknown, log: (line: string) => void): KustoError {
  if (error instanceof KustoError) return error;
  log(`local-adx: internal error: ${(error as Error).stack ?? String(error)}`);
  return new KustoError(
    520,
    "Internal_ServiceError",
    "Kusto.Data.Exceptions.KustoServiceException",
    `Internal error: ${(error as Error).message}`,
    "Service error.",
  );
}
