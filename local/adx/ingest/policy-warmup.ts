/**
 * Compiling every update policy ahead of the first ingestion after a metadata change. Compiling a policy costs ~40 ms
 * of the event loop (twice: once per reference time, to tell queries that read `now()`); for the console's 26
 * policies the first batch after the setup paid ~1.5 s for it before anything landed. The intake calls this when the
 * metadata has been stable for a while, so the compiled queries are in the cache (policy-compile.ts) when data comes.
 */
import type { Storage } from "../storage/storage";
import { compilePolicy } from "./policy-compile";
import { newTempName, policiesWithSource, tempRef } from "./update-policies";

/**
 * Compiles the policies of every source table, one per turn of the event loop (requests keep being served). Stops
 * when the metadata changes meanwhile. A policy that does not compile is left alone: its ingestion reports why.
 */
export async function warmPolicies(storage: Storage): Promise<void> {
  const version = storage.version;
  const catalog = storage.catalog;
  for (const table of catalog.tables.keys()) {
    const source = { table, temp: tempRef(newTempName(table)) };
    for (const { target, entry } of policiesWithSource(catalog, table)) {
      await new Promise((resolve) => setImmediate(resolve));
      if (storage.version !== version) return;
      try {
        compilePolicy(storage, catalog, source, target, entry, new Date());
      } catch {
        // Reported by the ingestion that runs it.
      }
    }
  }
}
