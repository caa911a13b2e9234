import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny HTTP server answering like ADX's REST API (adx-reference §5, platform-notes §8), for testing our executor
 * with the real azure-kusto-data client over real HTTP. Each test decides the reply from the received request.
 */
export interface ReceivedRequest {
  path: string;
  authorization: string | undefined;
  body: { db?: string; csl?: string; properties?: { Parameters?: Record<string, unknown> } };
}

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

export interface AdxLikeServer {
  url: string;
  requests: ReceivedRequest[];
  reply: (request: ReceivedRequest) => Reply;
  close(): Promise<void>;
}

export async function startAdxLikeServer(reply: (request: ReceivedRequest) => Reply): Promise<AdxLikeServer> {
  const state: AdxLikeServer = { url: "", requests: [], reply, close: async () => {} };
  const server = createServer((req, res) => void handle(state, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

async function handle(state: AdxLikeServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const path = req.url ?? "/";
  // The client asks for cloud metadata once per cluster; 404 means "use the default cloud" (§8).
  if (req.method === "GET" && path === "/v1/rest/auth/metadata") return send(res, { status: 404, body: {} });
  const text = Buffer.concat(chunks).toString("utf8");
  const request: ReceivedRequest = {
    path,
    authorization: req.headers.authorization,
    body: text ? (JSON.parse(text) as ReceivedRequest["body"]) : {},
  };
  state.requests.push(request);
  send(res, state.reply(request));
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

/** A v1 answer (mgmt): one table, with ColumnType so the client types values. */
export function v1Table(columns: [string, string][], rows: unknown[][]): Reply {
  return {
    status: 200,
    body: {
      Tables: [
        {
          TableName: "Table_0",
          Columns: columns.map(([name, type]) => ({ ColumnName: name, DataType: "String", ColumnType: type })),
          Rows: rows,
        },
      ],
    },
  };
}

/** A complete, non-progressive v2 answer (query) with one primary result. */
export function v2Table(columns: [string, string][], rows: unknown[][], hasErrors = false): Reply {
  return {
    status: 200,
    body: [
      {
        FrameType: "DataSetHeader",
        IsProgressive: false,
        Version: "v2.0",
        IsFragmented: false,
        ErrorReportingPlacement: "EndOfTable",
      },
      {
        FrameType: "DataTable",
        TableId: 1,
        TableKind: "PrimaryResult",
        TableName: "PrimaryResult",
        Columns: columns.map(([name, type]) => ({ ColumnName: name, ColumnType: type })),
        Rows: rows,
      },
      {
        FrameType: "DataSetCompletion",
        HasErrors: hasErrors,
        Cancelled: false,
        ...(hasErrors
          ? {
              OneApiErrors: [
                {
                  error: {
                    code: "LimitsExceeded",
                    "@message": "Query result set has exceeded the internal record count limit.",
                  },
                },
              ],
            }
          : {}),
      },
    ],
  };
}

/** ADX's OneApiError body for HTTP 400 (platform-notes §8.2). */
export function oneApiError(message: string): Reply {
  return {
    status: 400,
    body: {
      error: {
        code: "General_BadRequest",
        message: "Request is invalid and cannot be executed.",
        "@type": "Kusto.Data.Exceptions.SyntaxException",
        "@message": message,
        "@context": { timestamp: new Date().toISOString() },
        "@permanent": true,
      },
    },
  };
}
