import "server-only";
import type { z } from "zod";
import { AppError, type Surface } from "@/lib/errors";
import type { FieldErrorBody } from "@/lib/schemas/policies";

/** The field key of a zod issue path (`MaximumNumberOfItems`, `a.b`); `_form` for the body as a whole. */
function fieldKey(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "_form" : path.map(String).join(".");
}

/** Messages per field, in the order zod reported them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[fieldKey(issue.path)] ??= []).push(issue.message);
  return fields;
}

/** A 400 whose body is the usual error body plus `fieldErrors`; `cause` repeats them in one line for plain clients. */
export function fieldErrorResponse(surface: Surface, fieldErrors: Record<string, string[]>): Response {
  const base = new AppError(`bad_request:${surface}`, undefined, { message: "Some values are invalid." }).toBody();
  const cause = Object.entries(fieldErrors)
    .map(([field, messages]) => (field === "_form" ? messages.join("; ") : `${field}: ${messages.join("; ")}`))
    .join(" · ");
  const body: FieldErrorBody = { ...base, cause, fieldErrors };
  return Response.json(body, { status: 400, headers: { "cache-control": "no-store" } });
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Parses a JSON request body with `schema` (the same one the form uses); a bad body is a 400 with field errors. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  surface: Surface,
): Promise<Parsed<z.output<S>>> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return { ok: false, response: fieldErrorResponse(surface, { _form: ["The request body must be JSON."] }) };
  }
  const result = schema.safeParse(json);
  if (!result.success) return { ok: false, response: fieldErrorResponse(surface, fieldErrorsOf(result.error)) };
  return { ok: true, data: result.data };
}

/** Parses a request's query string with `schema`; a bad value is a 400 with field errors. */
export function parseSearchParams<S extends z.ZodType>(
  request: Request,
  schema: S,
  surface: Surface,
): Parsed<z.output<S>> {
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!result.success) return { ok: false, response: fieldErrorResponse(surface, fieldErrorsOf(result.error)) };
  return { ok: true, data: result.data };
}
