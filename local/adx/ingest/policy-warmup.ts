/**
 * Compiling every update policy ahead of the first ingestion after a metadata change. Compiling a policy costs
 * ~13 ms of the event loop (analysed once, translated at two reference times to tell queries that read `now()`); the
 * first batch after the console's setup paid that for its 26 policies before anything landed. The intake calls this
 * at its first delivery or tick after a change, so the compiled queries are in the cache (policy-compile.ts) when
 * data comes. Then each ingestion lane prepares the statements of a grouped ingestion on its own connection
 * (group-prepare.ts), so that no lane's first group pays for it.
 */
import type { Storage } from "../storage/storage";
import { prepareGroups } from "./group-prepare";
import { compilePolicy } from "./policy-compile";
import { newTempName, policiesWithSource, tempRef } from "./update-policies";

/**
 * Compiles the policies of every source table, one per turn of the event loop (requests keep being served), then
 * prepares each source's grouped ingestion on each of `lanes` (views of `storage`). Stops when the metadata changes
 * meanwhile, or once `stopped()`. A policy that does not compile is left alone: its ingestion reports why.
 */
export async function warmPolicies(
  storage: Storage,
  lanes: readonly Storage[] = [],
  stopped: () => boolean = () => false,
): Promise<void> {
  const version = storage.version;
  const catalog = storage.catalog;
  const sources: string[] = [];
  for (const table of catalog.tables.keys()) {
    const policies = policiesWithSource(catalog, table);
    if (policies.length > 0) sources.push(table);
    const source = { table, temp: tempRef(newTempName(table)) };
    for (const { target, entry } of policies) {
      await new Promise((resolve) => setImmediate(resolve));
      if (storage.version !== version || stopped()) return;
      try {
        compilePolicy(storage, catalog, source, target, entry, new Date());
      } catch {
        // Reported by the ingestion that runs it.
      }
    }
  }
  for (const lane of lanes) {
    if (storage.version !== version || stopped()) return;
    // A failure here is met again, and reported, by the ingestion itself.
    await prepareGroups(lane, sources).catch(() => undefined);
  }
}
