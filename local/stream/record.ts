import type { CatalogTable } from "@/kql/catalog";
import { isApplicable } from "./columns/applicability";
import { conformValue, valueForType } from "./columns/conform";
import { resolveColumn } from "./columns/resolve";
import type { EventContext } from "./event-context";
import type { JsonValue } from "./json-text";
import type { TimeStyle } from "./time-format";

/** Datetimes inside `properties`: 7 digits with trailing zeros trimmed, except where a table is known to differ. */
export function propertiesTimeStyle(table: CatalogTable): TimeStyle {
  // EmailEvents timestamps carry no fractional seconds in real payloads.
  if (table.name === "EmailEvents") return { digits: 0 };
  return { digits: 7, trimZeros: true };
}

/** Sub-millisecond ticks exist only where the source has them (endpoint sensors); cloud sources are ms-precise. */
export function hasSubMillisecondTicks(table: CatalogTable): boolean {
  return table.family === "Device" || table.family === "Alerts";
}

/**
 * Documented columns not seen in real payloads (yet): most records leave them out, a few carry them, so
 * mappings are exercised both ways.
 */
const RARELY_PRESENT = new Set([
  "BehaviorInfo.Title",
  "EmailPostDeliveryEvents.SourceLocation",
  "MessageUrlInfo.ThreatTypes",
  "IdentityInfo.TenantMembershipType",
  "IdentityInfo.RiskStatus",
  "DeviceInfo.Site",
  "DeviceInfo.DiscoverySources",
  "DeviceInfo.DeviceRoles",
  "DeviceInfo.DlpInfo",
  "DeviceInfo.DeviceObjectId",
  "DeviceNetworkInfo.OnboardingStatus",
  "DeviceNetworkInfo.NetworkAdapterDnsSuffix",
  "BehaviorEntities.CloudPlatform",
  "BehaviorEntities.CloudResourceType",
  "BehaviorEntities.CloudResourceId",
  "BehaviorEntities.CloudSubscriptionId",
]);

/** Share of records that drop null-valued keys instead of writing `null` (2026 device payloads do it most). */
function omitNullShare(table: CatalogTable): number {
  if (table.name === "DeviceEvents" || table.name === "DeviceRegistryEvents") return 0.8;
  return table.family === "Device" ? 0.5 : 0.3;
}

/** Builds the `properties` object of one record: streamed columns only, keyed by payload key. */
export function buildProperties(ctx: EventContext): Record<string, JsonValue> {
  const table = ctx.table;
  const style = propertiesTimeStyle(table);
  const omitNulls = ctx.rng.chance(omitNullShare(table));
  const properties: Record<string, JsonValue> = {};
  for (const column of table.columns) {
    if (!column.streamed) continue;
    if (RARELY_PRESENT.has(`${table.name}.${column.name}`) && !ctx.rng.chance(0.05)) continue;
    let raw = isApplicable(ctx, column.name) ? resolveColumn(ctx, column) : null;
    if (raw === undefined) raw = valueForType(ctx, column);
    const value = conformValue(ctx, column, raw, style);
    if (value === null && omitNulls) continue;
    properties[column.payloadKey] = value;
  }
  return properties;
}
