import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, type ErrorCode, errorBodySchema, redact, toErrorResponse } from "./errors";

describe("AppError", () => {
  const statuses: Record<string, number> = {
    "unauthorized:auth": 401,
    "forbidden:tables": 403,
    "not_found:tables": 404,
    "bad_request:api": 400,
    "conflict:tables": 409,
    "rate_limit:kusto": 429,
    "offline:kusto": 503,
    "internal:api": 500,
  };
  for (const [code, status] of Object.entries(statuses)) {
    it(`maps ${code} to HTTP ${status} with a JSON body`, async () => {
      const error = new AppError(code as ErrorCode);
      expect(error.status).toBe(status);
      const response = error.toResponse();
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = errorBodySchema.parse(await response.json());
      expect(body.code).toBe(code);
      expect(body.message.length).toBeGreaterThan(0);
      expect(body).not.toHaveProperty("cause");
    });
  }

  it("splits the code into type and surface", () => {
    const error = new AppError("forbidden:policies");
    expect([error.type, error.surface, error.name]).toEqual(["forbidden", "policies", "AppError"]);
    expect(error).toBeInstanceOf(Error);
  });

  it("rejects codes outside the known types and surfaces", () => {
    expect(() => new AppError("teapot:api" as ErrorCode)).toThrow(/Unknown error code: teapot:api/);
    expect(() => new AppError("forbidden:nowhere" as ErrorCode)).toThrow(/Unknown error code/);
    expect(() => new AppError("forbidden:api:extra" as ErrorCode)).toThrow(/Unknown error code/);
  });

  it("uses a surface-specific message where one exists and accepts an override", () => {
    expect(new AppError("offline:kusto").message).toMatch(/cluster cannot be reached/);
    expect(new AppError("offline:health").message).toMatch(/unavailable/);
    expect(new AppError("bad_request:tables", undefined, { message: "Unknown table Foo." }).message).toBe(
      "Unknown table Foo.",
    );
  });

  it("sends the detail as `cause`, redacted, and never the wrapped error", async () => {
    const wrapped = new Error("POST https://c.kusto.windows.net failed, Authorization: Bearer abc.def.ghi");
    const error = new AppError(
      "bad_request:kusto",
      "Syntax error: Query could not be parsed at 'x'. Token eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl leaked",
      { error: wrapped },
    );
    const body = await error.toResponse().json();
    expect(body).toEqual({
      code: "bad_request:kusto",
      message: "The cluster rejected the command.",
      cause: "Syntax error: Query could not be parsed at 'x'. Token [redacted token] leaked",
    });
    expect(JSON.stringify(body)).not.toContain("abc.def.ghi");
    expect(error.cause).toBe(wrapped);
  });

  it("adds Retry-After for throttling and no-store caching", () => {
    const response = new AppError("rate_limit:kusto", undefined, { retryAfterSeconds: 2.5 }).toResponse();
    expect(response.headers.get("retry-after")).toBe("3");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("redact", () => {
  const cases: Record<string, string> = {
    "Authorization: Bearer eyJ0eXAi.eyJhdWQi.sig": "Authorization: Bearer [redacted]",
    "token eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiIxIn0.AbC-_9 end": "token [redacted token] end",
    "Data Source=https://c.kusto.windows.net;AppKey=abc123;Authority Id=t":
      "Data Source=https://c.kusto.windows.net;AppKey=[redacted];Authority Id=t",
    "grant_type=x&client_secret=p4ss&assertion=zzz": "grant_type=x&client_secret=[redacted]&assertion=[redacted]",
    'password: "two words"': "password: [redacted]",
    "Table 'Staging' not found": "Table 'Staging' not found",
  };
  for (const [input, expected] of Object.entries(cases)) {
    it(`redacts ${JSON.stringify(input.slice(0, 40))}`, () => {
      expect(redact(input)).toBe(expected);
    });
  }
});

describe("toErrorResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("passes AppErrors through", () => {
    expect(toErrorResponse(new AppError("not_found:tables")).status).toBe(404);
  });

  it("turns anything else into a generic 500 and logs it redacted", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = toErrorResponse(new Error("boom with client_secret=hunter2"), "tables");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: "internal:tables", message: "Something went wrong on the server." });
    const logged = log.mock.calls.flat().join(" ");
    expect(logged).toContain("client_secret=[redacted]");
    expect(logged).not.toContain("hunter2");
  });
});
