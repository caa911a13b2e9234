import "server-only";
import { DEFAULT_STAGING_MAPPING } from "@/kql/catalog";
import { env } from "@/lib/env";
import type { StateReadTarget } from "./commands";

/** The database and Staging names the console manages, from validated env (never from a request). */
export function consoleTarget(): StateReadTarget {
  return { database: env.KUSTO_DATABASE, stagingTable: env.KUSTO_STAGING_TABLE, mappingName: DEFAULT_STAGING_MAPPING };
}
