import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import {
  oneApiError,
  startAdxLikeServer,
  v1Table,
  v2Table,
  type AdxLikeServer,
  type Reply,
} from "../testing/adx-like-server";
import { createAdxExecutor } from "./adx-executor";

/** The real azure-kusto-data client against an HTTP server that answers like ADX: results, parameters, errors. */
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";
let server: AdxLikeServer;
let next: (csl: string) => Reply;

beforeAll(async () => {
  server = await startAdxLikeServer((request) => next(request.body.csl ?? ""));
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const executor = () => createAdxExecutor({ clusterUrl: server.url, getToken: async () => TOKEN });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("results", () => {
  it("runs a management command on /v1/rest/mgmt with the token and returns typed columns and rows", async () => {
    next = () =>
      v1Table(
        [
          ["BuildVersion", "string"],
          ["BuildTime", "datetime"],
          ["ServiceType", "string"],
        ],
        [["1.0.9", "2026-11-01T10:00:00Z", "Engine"]],
      );
    const result = await executor().executeCommand("Defender", ".show version");
    const request = server.requests.at(-1)!;
    expect(request.path).toBe("/v1/rest/mgmt");
    expect(request.body).toMatchObject({ db: "Defender", csl: ".show version" });
    expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.columns).toEqual([
      { name: "BuildVersion", type: "string" },
      { name: "BuildTime", type: "datetime" },
      { name: "ServiceType", type: "string" },
    ]);
    expect(result.rows).toEqual([["1.0.9", new Date("2026-11-01T10:00:00Z"), "Engine"]]);
  });

  it("sends query parameters as request properties, never in the query text", async () => {
    next = () =>
      v2Table(
        [
          ["Table", "string"],
          ["Rows", "long"],
          ["Age", "timespan"],
        ],
        [["DeviceEvents", 42, "01:00:00"]],
      );
    const query = "declare query_parameters(name:string, since:datetime, n:long, ratio:real, on:bool); T | take 1";
    const hostile = `x" | drop table T //`;
    const result = await executor().executeQuery("Defender", query, {
      parameters: { name: hostile, since: new Date("2026-01-02T03:04:05Z"), n: 5, ratio: 0.5, on: true },
    });
    const request = server.requests.at(-1)!;
    expect(request.path).toBe("/v2/rest/query");
    expect(request.body.csl).toBe(query);
    expect(request.body.properties?.Parameters).toEqual({
      name: hostile,
      since: "datetime(2026-01-02T03:04:05.000Z)",
      n: 5,
      ratio: "real(0.5)",
      on: "bool(true)",
    });
    expect(result.rows).toEqual([["DeviceEvents", 42, 3_600_000]]);
  });

  it("rejects a malformed parameter name before sending anything", async () => {
    const before = server.requests.length;
    await expect(executor().executeQuery("db", "T", { parameters: { "a b": "x" } })).rejects.toThrow(TypeError);
    expect(server.requests.length).toBe(before);
  });

  it("refuses a query passed as a command", async () => {
    await expect(executor().executeCommand("db", "T | take 1")).rejects.toThrow(TypeError);
  });
});

describe("error mapping", () => {
  it("HTTP 400 → bad_request:kusto carrying the cluster's @message", async () => {
    next = () => oneApiError("Syntax error: Query could not be parsed at '|' on line [1,5]");
    const error = await failure(executor().executeQuery("db", "T | | x"));
    expect(error.code).toBe("bad_request:kusto");
    expect(error.status).toBe(400);
    expect(error.toBody().cause).toBe("Syntax error: Query could not be parsed at '|' on line [1,5]");
  });

  it("HTTP 400 on a management command maps the same way", async () => {
    next = () => oneApiError("Table 'Nope' could not be found.");
    expect((await failure(executor().executeCommand("db", ".show table Nope"))).code).toBe("bad_request:kusto");
  });

  it("HTTP 429 → rate_limit:kusto with the cluster's Retry-After", async () => {
    next = () => ({ status: 429, body: {}, headers: { "retry-after": "7" } });
    const error = await failure(executor().executeQuery("db", "T"));
    expect(error.code).toBe("rate_limit:kusto");
    const response = error.toResponse();
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it("HTTP 429 without Retry-After still gives a retry hint", async () => {
    next = () => ({ status: 429, body: {} });
    expect((await failure(executor().executeQuery("db", "T"))).retryAfterSeconds).toBeGreaterThan(0);
  });

  it.each([
    [401, "unauthorized:kusto"],
    [403, "forbidden:kusto"],
    [503, "offline:kusto"],
    [500, "internal:kusto"],
  ] as const)("HTTP %i → %s", async (status, code) => {
    next = () => ({ status, body: { error: { code: "Forbidden", "@message": "Principal is not authorized." } } });
    expect((await failure(executor().executeCommand("db", ".show tables"))).code).toBe(code);
  });

  it("a 200 answer reporting errors → bad_request:kusto", async () => {
    next = () => v2Table([["x", "long"]], [[1]], true);
    const error = await failure(executor().executeQuery("db", "T"));
    expect(error.code).toBe("bad_request:kusto");
    expect(error.detail).toMatch(/record count limit/);
  });

  it("an unreachable cluster → offline:kusto", async () => {
    const closed = await startAdxLikeServer(() => ({ status: 200, body: {} }));
    await closed.close();
    const offline = createAdxExecutor({ clusterUrl: closed.url, getToken: async () => TOKEN });
    expect((await failure(offline.executeQuery("db", "T"))).code).toBe("offline:kusto");
  });

  it("an AppError from the token provider reaches the caller unchanged", async () => {
    const challenge = new AppError("unauthorized:auth", "needs interaction");
    const failing = createAdxExecutor({ clusterUrl: server.url, getToken: () => Promise.reject(challenge) });
    expect(await failure(failing.executeQuery("db", "T"))).toBe(challenge);
  });

  it("never logs the token", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    next = () => ({ status: 403, body: { error: { "@message": `denied for Bearer ${TOKEN}` } } });
    const error = await failure(executor().executeCommand("db", ".show tables"));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(JSON.stringify(error.toBody())).not.toContain(TOKEN);
  });
});
