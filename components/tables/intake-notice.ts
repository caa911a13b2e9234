import type { StagingStatusDto } from "@/lib/schemas/table-responses";

/** "10:01" in the reader's time zone; tests pass their own. */
const defaultFormatTime = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

/**
 * The sentence the Staging card shows while the event stream is waiting for Staging, or `null` when it is not
 * (not waiting, or unknown: connected mode). The engine counts refused deliveries, not held messages (the stream
 * retries the same message), so the text says "refused N times", never "N messages".
 */
export function intakeNotice(
  staging: Pick<StagingStatusDto, "table" | "mappingName" | "intake">,
  options: { isAdmin: boolean; formatTime?: (iso: string) => string },
): string | null {
  const intake = staging.intake;
  if (!intake?.waiting) return null;
  const formatTime = options.formatTime ?? defaultFormatTime;
  const times = intake.refusedCount === 1 ? "once" : `${intake.refusedCount} times`;
  const since = intake.since ? ` since ${formatTime(intake.since)}` : "";
  const because =
    intake.reason === "mapping-missing"
      ? `the ${staging.table} table has no ingestion mapping ${staging.mappingName} yet`
      : intake.reason === "table-missing"
        ? `the ${staging.table} table does not exist yet`
        : `${staging.table} is not ready`;
  const next = options.isAdmin ? "Set up Staging to start delivery." : "An admin can set up Staging to start delivery.";
  return `Defender events are waiting: the event stream's deliveries have been refused ${times}${since} because ${because}. The stream keeps the events and retries. ${next}`;
}
