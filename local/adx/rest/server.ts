import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";
import { type Caller, type CommandContext, globalsFor, type Role } from "../commands/context";
import { commandTypeOf, executeCommand } from "../commands/execute";
import type { ResultTable } from "../commands/result";
import type { Storage } from "../storage/storage";
import { nowKusto } from "../storage/time";
import { AuthenticationError, type Authenticator } from "./auth";
import { KustoError, kustoErrorOf, oneApiError } from "./errors";
import { runQuery } from "./query";
import { isCommandText, readRequestBody } from "./request";
import { v1QueryResponse, v1Response } from "./v1";
import { v2Response } from "./v2";

type Endpoint = "mgmt" | "v1query" | "v2query";

/** What the HTTP layer needs from the engine. */
export interface ServerDeps {
  readonly storage: Storage;
  readonly authenticator: Authenticator;
  readonly database: string;
  readonly principals: Readonly<Record<string, Role>>;
  readonly log: (line: string) => void;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Builds the Fastify app serving the Kusto REST endpoints the official clients call. */
export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({ bodyLimit: 64 * 1024 * 1024, logger: false });

  // The SDK asks once per host; 404 makes it use the default cloud info (public Entra), as against a cluster.
  app.get("/v1/rest/auth/metadata", async (_req, reply) => reply.code(404).send());

  for (const [path, endpoint] of [
    ["/v1/rest/mgmt", "mgmt"],
    ["/v1/rest/query", "v1query"],
    ["/v2/rest/query", "v2query"],
  ] as const) {
    app.post(path, (req, reply) => handle(deps, req, reply, endpoint));
  }
  void app.register(import("./ingest-routes"), { deps });
  return app;
}

async function handle(deps: ServerDeps, req: FastifyRequest, reply: FastifyReply, endpoint: Endpoint) {
  const startedOn = nowKusto();
  const started = process.hrtime.bigint();
  const clientRequestId = header(req, "x-ms-client-request-id") ?? `LocalAdx.Request;${randomUUID()}`;
  const activityId = randomUUID();
  reply.header("x-ms-client-request-id", clientRequestId).header("x-ms-activity-id", activityId);

  let principal;
  try {
    principal = await deps.authenticator.authenticate(header(req, "authorization"));
  } catch (error) {
    if (error instanceof AuthenticationError) {
      // ADX's 401 body is not a OneApiError; clients only look at the status.
      return reply
        .code(401)
        .header("www-authenticate", "Bearer")
        .type("text/plain")
        .send(`Unauthorized: ${error.message}`);
    }
    throw error;
  }

  let text = "";
  let database = deps.database;
  let commandType = "Unknown";
  let properties: Record<string, unknown> = {};
  const caller: Caller = {
    principal: principal.fqn,
    role: principal.role ?? "viewer",
    user: principal.displayName,
    displayName: principal.displayName,
    application: header(req, "x-ms-app") ?? "",
    clientRequestId,
    activityId,
  };
  const ctx: CommandContext = {
    storage: deps.storage,
    database: deps.database,
    caller,
    principals: deps.principals,
    globals: () => globalsFor(deps.storage),
    runNested: async (nested) => {
      try {
        return await executeCommand(ctx, nested);
      } catch (error) {
        if (error instanceof KustoError) error.commandType = commandTypeOf(ctx, nested);
        throw error;
      }
    },
  };
  try {
    if (principal.role === null) {
      throw KustoError.forbidden(principal.fqn, "Access the database", `[${deps.database}]`);
    }
    const body = readRequestBody(req.body);
    text = body.csl;
    properties = body.properties;
    if (body.db !== "" && body.db !== deps.database) {
      database = body.db;
      throw KustoError.databaseNotFound(body.db);
    }
    let result: ResultTable;
    let typedAs: "command" | "query" = "command";
    const isCommand = isCommandText(text);
    if (isCommand) {
      commandType = commandTypeOf(ctx, text);
      const outcome = await executeCommand(ctx, text);
      commandType = outcome.commandType;
      result = outcome.result;
      typedAs = outcome.typedAs ?? "command";
    } else {
      commandType = "Query";
      result = await runQuery(ctx, text, parametersOf(properties));
    }
    await record(deps, { text, database, commandType, caller, startedOn, started, properties, failure: null });
    if (endpoint === "v2query") return reply.code(200).send(v2Response(result, clientRequestId, activityId));
    if (isCommand || endpoint === "mgmt") return reply.code(200).send(v1Response([result], typedAs));
    return reply.code(200).send(v1QueryResponse(result, clientRequestId, activityId));
  } catch (error) {
    const kusto = kustoErrorOf(error, deps.log);
    await record(deps, {
      text,
      database,
      commandType,
      caller,
      startedOn,
      started,
      properties,
      failure: kusto.detail,
    }).catch((e: unknown) => deps.log(`local-adx: could not log request: ${String(e)}`));
    return reply
      .code(kusto.status)
      .type("application/json; charset=utf-8")
      .send(oneApiError(kusto, { clientRequestId, activityId }, text, database));
  }
}

// `properties.Parameters` holds the values of `declare query_parameters(...)`.
function parametersOf(properties: Record<string, unknown>): Record<string, unknown> {
  const p = properties.Parameters;
  return typeof p === "object" && p !== null ? (p as Record<string, unknown>) : {};
}

async function record(
  deps: ServerDeps,
  r: {
    text: string;
    database: string;
    commandType: string;
    caller: Caller;
    startedOn: string;
    started: bigint;
    properties: Record<string, unknown>;
    failure: string | null;
  },
): Promise<void> {
  // Ticks are 100 ns.
  const durationTicks = (process.hrtime.bigint() - r.started) / 100n;
  await deps.storage.logRequest({
    clientActivityId: r.caller.clientRequestId,
    commandType: r.commandType,
    text: r.text,
    database: r.database,
    startedOn: r.startedOn,
    lastUpdatedOn: nowKusto(),
    durationTicks,
    state: r.failure === null ? "Completed" : "Failed",
    failureReason: r.failure ?? "",
    rootActivityId: r.caller.activityId,
    user: r.caller.user,
    application: r.caller.application,
    principal: r.caller.principal,
    clientRequestProperties: JSON.stringify(r.properties),
  });
}
