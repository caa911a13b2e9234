/**
 * Ingestion endpoints (registered by `server.ts` as one plugin):
 * - `POST /v1/rest/ingest/{db}/{table}?streamFormat=…&mappingName=…` — streaming ingestion as ADX serves it to
 *   `azure-kusto-ingest`'s StreamingIngestClient: raw (usually gzipped, chunked) body, no batching, 200 + v1 table.
 * - `POST /local/eventhub/{db}/{table}?format=multijson&mappingName=…` — LOCAL ONLY: the Event Hub data connection
 *   stand-in. The body is one message, or — with `Content-Type: application/vnd.microsoft.servicebus.json`, Event
 *   Hubs' REST batch send — a JSON array of `{"Body": …}`, one message per element. 202 once every message is
 *   durably queued; 409 while the table (or mapping) does not exist yet; 400 for a malformed batch (nothing queued).
 * - `GET /local/batches?table=…&since=…&limit=…` — LOCAL ONLY: sealed batches (for the console's latency chart).
 * - `GET /local/intake?table=T` — LOCAL ONLY: whether a producer of T is waiting (its deliveries refused with 409
 *   within the last minute, none accepted since), with the refusal count, times and reason, and T's pending messages.
 * Same bearer-token checks as the Kusto endpoints: ingest needs an ingestor/user/admin role, batches a reader.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { gunzip, inflate } from "node:zlib";
import { type Access, mayRun } from "../commands/context";
import { ingestFormatOf } from "../ingest/decode";
import { isEventBatch, parseEventBatch } from "../ingest/event-batch";
import { ingestBlobs } from "../ingest/ingest-blobs";
import { Intake, listBatches } from "../ingest/intake";
import { sweepRetention } from "../ingest/retention";
import type { Storage } from "../storage/storage";
import { AuthenticationError } from "./auth";
import { KustoError, kustoErrorOf, oneApiError } from "./errors";
import type { ServerDeps } from "./server";
import { v1Response } from "./v1";

const MAX_DECODED_BYTES = 256 * 1024 * 1024;
const RETENTION_SWEEP_MS = 60_000;

const intakes = new WeakMap<Storage, Intake>();

/** The running intake of an engine's storage (tests use it to wait for sealed batches). */
export function intakeOf(storage: Storage): Intake | undefined {
  return intakes.get(storage);
}

type Params = { db: string; table: string };
type Query = Record<string, string | undefined>;

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** The request body as text, decompressed on the thread pool (a large body would otherwise block the event loop). */
async function bodyText(req: FastifyRequest): Promise<string> {
  const raw = req.body;
  let buf = Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === "string" ? raw : "");
  const encoding = (header(req, "content-encoding") ?? "").toLowerCase();
  try {
    // 1 MB output chunks: at zlib's default 16 KB, an 800 KB request costs ~50 callbacks back on the event loop.
    const options = { maxOutputLength: MAX_DECODED_BYTES, chunkSize: 1024 * 1024 };
    if (encoding === "gzip") buf = await gunzipAsync(buf, options);
    else if (encoding === "deflate") buf = await inflateAsync(buf, options);
  } catch (error) {
    throw KustoError.badRequest(
      `The request body could not be decompressed (${encoding}): ${(error as Error).message}`,
    );
  }
  return buf.toString("utf8");
}

/** Registers the ingestion routes and starts the intake and the retention sweep for the engine's storage. */
export default async function ingestRoutes(app: FastifyInstance, opts: { deps: ServerDeps }): Promise<void> {
  const { deps } = opts;
  const intake = await Intake.start({ storage: deps.storage, database: deps.database, log: deps.log });
  intakes.set(deps.storage, intake);
  const sweep = setInterval(() => {
    sweepRetention(deps.storage).catch((e: unknown) => deps.log(`local-adx: retention sweep failed: ${String(e)}`));
  }, RETENTION_SWEEP_MS);
  sweep.unref();
  app.addHook("onClose", async () => {
    clearInterval(sweep);
    await intake.close();
    intakes.delete(deps.storage);
  });

  // Bodies are raw data in any content type; parsers added here apply to these routes only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_DECODED_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  async function guard(
    req: FastifyRequest,
    reply: FastifyReply,
    access: Access,
    db: string,
  ): Promise<{ principal: string; user: string; activityId: string } | null> {
    const activityId = randomUUID();
    const clientRequestId = header(req, "x-ms-client-request-id") ?? `LocalAdx.Ingest;${randomUUID()}`;
    reply.header("x-ms-client-request-id", clientRequestId).header("x-ms-activity-id", activityId);
    let principal;
    try {
      principal = await deps.authenticator.authenticate(header(req, "authorization"));
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      await reply
        .code(401)
        .header("www-authenticate", "Bearer")
        .type("text/plain")
        .send(`Unauthorized: ${error.message}`);
      return null;
    }
    if (principal.role === null || !mayRun(principal.role, access)) {
      throw KustoError.forbidden(principal.fqn, access === "read" ? "Read" : "Ingest", `[${deps.database}]`);
    }
    if (db !== deps.database) throw KustoError.databaseNotFound(db);
    return { principal: principal.fqn, user: header(req, "x-ms-user") ?? principal.displayName, activityId };
  }

  function fail(reply: FastifyReply, error: unknown) {
    const kusto = kustoErrorOf(error, deps.log);
    const ids = {
      clientRequestId: String(reply.getHeader("x-ms-client-request-id") ?? ""),
      activityId: String(reply.getHeader("x-ms-activity-id") ?? ""),
    };
    return reply
      .code(kusto.status)
      .type("application/json; charset=utf-8")
      .send(oneApiError(kusto, ids, undefined, deps.database));
  }

  app.post<{ Params: Params; Querystring: Query }>("/v1/rest/ingest/:db/:table", async (req, reply) => {
    try {
      const caller = await guard(req, reply, "ingest", req.params.db);
      if (!caller) return reply;
      const { table } = req.params;
      if (!deps.storage.catalog.tables.has(table)) throw KustoError.entityNotFound(table, "Table");
      const format = ingestFormatOf(req.query.streamFormat);
      const result = await ingestBlobs(
        {
          storage: deps.storage,
          database: deps.database,
          caller,
          operationKind: "StreamingIngest",
          sourcePath: "stream",
        },
        table,
        [{ text: await bodyText(req), format, mappingName: req.query.mappingName || null, sourcePath: "stream" }],
        true,
      );
      const failed = result.policyFailures[0];
      const body = v1Response(
        [
          {
            columns: [
              { name: "ConsumedRecordsCount", type: "long" },
              { name: "UpdatePolicyStatus", type: "string" },
              { name: "UpdatePolicyFailureCode", type: "string" },
              { name: "UpdatePolicyFailureReason", type: "string" },
            ],
            rows: [[result.rows, failed ? "Failed" : "Success", failed?.errorCode ?? "", failed?.details ?? ""]],
          },
        ],
        "command",
      );
      return reply.code(200).send(body);
    } catch (error) {
      return fail(reply, error);
    }
  });

  app.post<{ Params: Params; Querystring: Query }>("/local/eventhub/:db/:table", async (req, reply) => {
    try {
      const caller = await guard(req, reply, "ingest", req.params.db);
      if (!caller) return reply;
      const format = ingestFormatOf(req.query.format ?? "multijson");
      const mapping = req.query.mappingName ?? "";
      const text = await bodyText(req);
      let bodies: string[] | null = null;
      if (isEventBatch(header(req, "content-type"))) {
        const batch = parseEventBatch(text);
        if (!batch.ok) throw KustoError.badRequest(`Invalid event batch: ${batch.reason}.`, "LocalIntake_InvalidBatch");
        bodies = batch.bodies;
      }
      const outcome = await intake.enqueueAll(req.params.table, format, mapping, bodies ?? [text]);
      if (outcome.status === "not-ready") {
        // Not an ADX error: the producer must keep the message and retry, as an Event Hub retains unread events.
        throw new KustoError(
          409,
          "LocalIntake_TargetNotReady",
          "LocalAdx.IntakeNotReadyException",
          outcome.reason,
          "The target is not ready; retry later.",
        );
      }
      const body = bodies
        ? { status: "Enqueued", count: outcome.ids.length, ids: outcome.ids }
        : { status: "Enqueued", id: outcome.ids[0] };
      return reply.code(202).send(body);
    } catch (error) {
      return fail(reply, error);
    }
  });

  app.get<{ Querystring: Query }>("/local/intake", async (req, reply) => {
    try {
      const caller = await guard(req, reply, "read", deps.database);
      if (!caller) return reply;
      const table = req.query.table;
      if (!table) throw KustoError.badRequest("'table' is required.");
      return reply.code(200).send(intake.waitingState(table));
    } catch (error) {
      return fail(reply, error);
    }
  });

  app.get<{ Querystring: Query }>("/local/batches", async (req, reply) => {
    try {
      const caller = await guard(req, reply, "read", deps.database);
      if (!caller) return reply;
      const since = req.query.since;
      if (since !== undefined && Number.isNaN(Date.parse(since)))
        throw KustoError.badRequest(`'since' is not a datetime: ${since}`);
      const limit = req.query.limit === undefined ? undefined : Number.parseInt(req.query.limit, 10);
      const batches = await listBatches(deps.storage, { table: req.query.table, since, limit });
      return reply.code(200).send({ batches, pending: intake.pending() });
    } catch (error) {
      return fail(reply, error);
    }
  });
}
