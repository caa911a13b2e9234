import type { CatalogTable } from "@/kql/catalog";
import type { JsonValue } from "./json-text";
import type { Rng } from "./rng";
import { addMs, formatInstant, type Instant } from "./time-format";

/** The tenant every simulated record belongs to (see notes/identities.md). */
export const LOCAL_TENANT_ID = "7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01";

export interface RecordTimes {
  /** When the event happened (properties.Timestamp). */
  readonly event: Instant;
  /** `_TimeReceivedBySvc`: when the service received it. */
  readonly received: Instant;
  /** `time`: when Defender published the record. */
  readonly published: Instant;
}

/** Event time a few seconds to minutes before publication, as the streaming pipeline's latency puts it. */
export function recordTimes(rng: Rng, publishedAt: Instant, subMs: boolean): RecordTimes {
  const published: Instant = { ms: publishedAt.ms, ticks: rng.int(0, 9999) };
  const receivedRaw = addMs(published, -rng.int(200, 20_000));
  const received: Instant = { ms: receivedRaw.ms, ticks: rng.int(0, 9999) };
  const eventRaw = addMs(received, -rng.int(500, 180_000));
  const event: Instant = { ms: eventRaw.ms, ticks: subMs ? rng.int(0, 9999) : 0 };
  return { event, received, published };
}

/**
 * One Event Hub record: `time` and `_TimeReceivedBySvc` with 7 fractional digits (the latter sometimes without
 * `Z`, as observed), `operationName: "Publish"`, `Tenant: "DefaultTenant"` and the row under `properties`.
 */
export function buildRecord(
  rng: Rng,
  table: CatalogTable,
  times: RecordTimes,
  properties: Record<string, JsonValue>,
  tenantId: string,
): Record<string, JsonValue> {
  return {
    time: formatInstant(times.published, { digits: 7 }),
    tenantId,
    operationName: "Publish",
    category: table.category,
    _TimeReceivedBySvc: formatInstant(times.received, { digits: 7, zulu: !rng.chance(0.3) }),
    properties,
    Tenant: "DefaultTenant",
  };
}
