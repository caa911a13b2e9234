import "server-only";
import { z } from "zod";
import type { StagingIntake } from "@/lib/schemas/table-responses";
import { getAuthSettings } from "@/lib/server/auth/config";
import { acquireTokenOnBehalfOf } from "@/lib/server/auth/obo";

/**
 * Whether the Defender stream is waiting for Staging. In local mode the engine's queued intake records the deliveries
 * it refused (409: Staging or its mapping missing) and serves that at `GET {engine}/local/intake?table=` (documented
 * in `local/adx/ingest/README.md`), behind the same bearer-token check as `/local/batches`; the call is made
 * On-Behalf-Of the user, like `batches.ts`. It is not a Kusto command, so it is not one of the state read's round
 * trips. Connected mode answers `null`: an ADX Event Hub data connection's state (and the hub's unread events) is
 * Azure Resource Manager / Azure Monitor data, not readable with the user's token on the cluster.
 */

const localIntakeSchema = z.object({
  table: z.string(),
  waiting: z.boolean(),
  refusedCount: z.number(),
  firstRefusedAt: z.string().nullable(),
  reason: z.enum(["table-missing", "mapping-missing"]).nullable(),
});

/** Staging's intake state (`null` when it cannot be known) and, when the engine could not be asked, why. */
export interface StagingIntakeRead {
  intake: StagingIntake | null;
  warning: string | null;
}

/**
 * Reads whether deliveries to `table` are being refused. Never throws: the checklist must not fail because this
 * side note could not be read; the reason becomes a warning instead.
 */
export async function readStagingIntake(auth: { token: string }, table: string): Promise<StagingIntakeRead> {
  const settings = getAuthSettings();
  if (settings.mode !== "local" || !settings.clusterUrl) return { intake: null, warning: null };
  try {
    const url = new URL("/local/intake", settings.clusterUrl);
    url.search = new URLSearchParams({ table }).toString();
    const token = await acquireTokenOnBehalfOf(auth.token, settings.clusterUrl);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
    if (!response.ok) return unread(`the local engine answered ${response.status}`);
    const parsed = localIntakeSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return unread("the local engine's answer has an unexpected shape");
    const { waiting, refusedCount, firstRefusedAt, reason } = parsed.data;
    return { intake: { waiting, refusedCount, since: firstRefusedAt, reason }, warning: null };
  } catch (error) {
    return unread(error instanceof Error ? error.message : String(error));
  }
}

function unread(why: string): StagingIntakeRead {
  return { intake: null, warning: `Whether the event stream is waiting for Staging could not be read: ${why}.` };
}
