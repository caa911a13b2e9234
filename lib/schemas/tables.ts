import { z } from "zod";
import { findTable, tableNames } from "@/kql/catalog";

/**
 * Request schemas of the tables API, shared by the browser (forms, links) and the route handlers: only catalog
 * table names are accepted, spelled exactly as the catalog spells them (ADX names are case-sensitive).
 */

/** A Defender table name from the catalog. */
export const tableNameSchema = z
  .string({ error: "A table name must be a string" })
  .refine((name) => findTable(name)?.name === name, {
    error: (issue) =>
      `Unknown table ${JSON.stringify(issue.input)}: not one of the ${tableNames.length} Defender tables`,
  });

/** Route parameter of `/api/tables/[table]` and its apply route. */
export const tableParamsSchema = z.object({ table: tableNameSchema });

/** Body of `POST /api/tables/apply`: the tables to set up, each once, in any order (applied in catalog order). */
export const applyRequestSchema = z.strictObject({
  tables: z
    .array(tableNameSchema, { error: "tables must be a list of table names" })
    .min(1, "Choose at least one table")
    .max(tableNames.length)
    .refine((list) => new Set(list).size === list.length, "Each table may be listed only once"),
});
export type ApplyRequest = z.infer<typeof applyRequestSchema>;

/**
 * Query of `GET /api/setup-script`: `tables` is a comma-separated list (absent or empty = every table), the same
 * selection `npm run export-kql -- --tables A,B` takes.
 */
export const setupScriptQuerySchema = z.object({
  tables: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : value
            .split(",")
            .map((t) => t.trim())
            .filter((t) => t !== ""),
    )
    .pipe(z.array(tableNameSchema).optional())
    .transform((list) => (list && list.length > 0 ? list : undefined)),
});
export type SetupScriptQuery = z.infer<typeof setupScriptQuerySchema>;
