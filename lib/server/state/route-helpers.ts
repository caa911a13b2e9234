import "server-only";
import type { z } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { AuthContext } from "@/lib/server/guard";

/** Parses route input with a shared schema; the first issue becomes the message of a 400 (or the given code). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: ErrorCode = "bad_request:tables",
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new AppError(code, `${where}${issue?.message ?? "invalid input"}`);
}

/** The JSON body of a request; a body that is not JSON is a 400, not a 500. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request:tables", "The request body must be JSON.");
  }
}

/** A JSON response that no cache keeps (it reflects the cluster at one moment, for one user). */
export function noStoreJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** Who the audit names for an apply. */
export function appliedBy(auth: AuthContext): string {
  return auth.user.upn || auth.user.oid;
}
