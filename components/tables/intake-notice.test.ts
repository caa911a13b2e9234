import { describe, expect, it } from "vitest";
import { stagingIntakeSchema } from "@/lib/schemas/table-responses";
import { intakeNotice } from "./intake-notice";

const utc = (iso: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const staging = (intake: unknown) => ({
  table: "Staging",
  mappingName: "StagingMapping",
  intake: intake === undefined || intake === null ? intake : stagingIntakeSchema.parse(intake),
});

describe("intakeNotice", () => {
  it("says how often, since when and why the stream is held, and what to do", () => {
    const text = intakeNotice(
      staging({ waiting: true, refusedCount: 42, since: "2026-11-29T10:01:30.000Z", reason: "table-missing" }),
      { isAdmin: true, formatTime: utc },
    );
    expect(text).toBe(
      "Defender events are waiting: the event stream's deliveries have been refused 42 times since 10:01 because the Staging table does not exist yet. The stream keeps the events and retries. Set up Staging to start delivery.",
    );
  });

  it("names the missing mapping, says 'once', and tells viewers who can act", () => {
    const text = intakeNotice(
      staging({ waiting: true, refusedCount: 1, since: "2026-11-29T23:59:00.000Z", reason: "mapping-missing" }),
      { isAdmin: false, formatTime: utc },
    );
    expect(text).toContain(
      "refused once since 23:59 because the Staging table has no ingestion mapping StagingMapping yet.",
    );
    expect(text).toMatch(/An admin can set up Staging to start delivery\.$/);
  });

  it("shows nothing when not waiting, unknown (connected mode) or absent", () => {
    const old = { waiting: false, refusedCount: 3, since: "2026-11-29T10:01:30.000Z", reason: "table-missing" };
    expect(intakeNotice(staging(old), { isAdmin: true })).toBeNull();
    expect(intakeNotice(staging(null), { isAdmin: true })).toBeNull();
    expect(intakeNotice(staging(undefined), { isAdmin: true })).toBeNull();
  });
});
