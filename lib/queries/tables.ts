import { mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { apiFetch, apiFetchBlob } from "@/lib/api/client";

/**
 * The tables resource: the checklist, one table's detail, and the applies that change them. Keys and fetchers live
 * together (STYLE §4); mutations invalidate with these same factories' keys, never a hand-written array.
 */

const TABLES_KEY = ["tables"] as const;

/**
 * The request schemas the route handlers parse with (classic zod, which their helpers take), loaded when an apply
 * starts rather than with the page: the browser still validates with them before sending, and the ≈25 KB gzip of
 * classic zod stays off the checklist's first load.
 */
const requestSchemas = () => import("@/lib/schemas/tables");
/** A response schema, loaded with the first request (in parallel with it), not with the page: see apiFetch. */
type ResponseSchemas = typeof import("@/lib/schemas/table-responses");
const responseSchema = <K extends keyof ResponseSchemas>(name: K): Promise<ResponseSchemas[K]> =>
  import("@/lib/schemas/table-responses").then((s) => s[name]);

/** `GET /api/tables`: Staging's prerequisites and every catalog table's status. */
export const tablesQuery = () =>
  queryOptions({
    queryKey: [...TABLES_KEY, "list"] as const,
    queryFn: ({ signal }) => apiFetch("/api/tables", responseSchema("tablesResponseSchema"), { signal }),
    // Rows and last event times move while data flows; the checklist follows them without a reload.
    refetchInterval: 15_000,
  });

/** `GET /api/tables/[name]`: columns, generated and cluster texts, status, plan and history of one table. */
export const tableDetailQuery = (name: string) =>
  queryOptions({
    queryKey: [...TABLES_KEY, "detail", name] as const,
    queryFn: ({ signal }) =>
      apiFetch(`/api/tables/${encodeURIComponent(name)}`, responseSchema("tableDetailResponseSchema"), { signal }),
  });

/**
 * Refetches everything under the tables key: the list and every detail (an apply can change any of them).
 * Mutations call it without waiting, so an apply's result shows as soon as the cluster answered.
 */
export const invalidateTables = (client: QueryClient) => client.invalidateQueries({ queryKey: TABLES_KEY });

/** `POST /api/tables/[name]/apply`: one table's plan as one script; the result lists every command. */
export const applyTableMutation = () =>
  mutationOptions({
    mutationKey: [...TABLES_KEY, "apply"] as const,
    mutationFn: async (name: string) => {
      const { tableNameSchema } = await requestSchemas();
      return apiFetch(
        `/api/tables/${encodeURIComponent(tableNameSchema.parse(name))}/apply`,
        responseSchema("applyResultSchema"),
        {
          method: "POST",
        },
      );
    },
    onSettled: (_data, _error, _variables, _result, { client }) => void invalidateTables(client),
  });

/** `POST /api/tables/apply`: several tables in one request, each its own script, one result per table. */
export const bulkApplyMutation = () =>
  mutationOptions({
    mutationKey: [...TABLES_KEY, "apply-bulk"] as const,
    mutationFn: async (tables: readonly string[]) => {
      const { applyRequestSchema } = await requestSchemas();
      return apiFetch("/api/tables/apply", responseSchema("bulkApplyResponseSchema"), {
        method: "POST",
        // The same schema the route handler parses: an off-catalog name fails here, before any request.
        body: applyRequestSchema.parse({ tables: [...tables] }),
      });
    },
    onSettled: (_data, _error, _variables, _result, { client }) => void invalidateTables(client),
  });

/** `POST /api/staging/apply`: the Staging table, its mapping, retention and batching as one script. */
export const stagingApplyMutation = () =>
  mutationOptions({
    mutationKey: [...TABLES_KEY, "apply-staging"] as const,
    mutationFn: () => apiFetch("/api/staging/apply", responseSchema("applyResultSchema"), { method: "POST" }),
    onSettled: (_data, _error, _variables, _result, { client }) => void invalidateTables(client),
  });

/** `GET /api/setup-script` as a file (with the caller's token, so not a plain link). */
export function fetchSetupScript(tables?: readonly string[], signal?: AbortSignal): Promise<Blob> {
  const query = tables && tables.length > 0 ? `?tables=${tables.map(encodeURIComponent).join(",")}` : "";
  return apiFetchBlob(`/api/setup-script${query}`, { signal });
}
