import { At, type EventContext } from "../event-context";
import type { AlertRef } from "../recent-pool";
import { dotNetTicks } from "../time-format";
import { ALERTS, BEHAVIOR_TYPES, ENTITY_TYPES, SEVERITIES, THREAT_FAMILIES, type AlertSpec } from "../values/alerts";
import { guid } from "../values/world";
import type { RuleTable } from "./types";

function alertId(ctx: EventContext, spec: AlertSpec): string {
  switch (spec.idStyle) {
    case "da": {
      const suffix = ctx.rng.int(-2147483648, 2147483647);
      return `da${dotNetTicks(ctx.time)}_${suffix}`;
    }
    case "fa":
      return `fa${guid(ctx.rng)}`;
    case "aa":
      return `aa${guid(ctx.rng)}`;
    case "ca":
      return `ca${ctx.rng.hex(32)}`;
  }
}

/** The alert of this event: AlertInfo creates one; AlertEvidence mostly reuses a recent one. */
export function currentAlert(ctx: EventContext): AlertRef {
  return ctx.memo("alert", () => {
    const reuse = ctx.table.name !== "AlertInfo" && ctx.recent.alerts.length > 0 && ctx.rng.chance(0.8);
    if (reuse) return ctx.rng.pick(ctx.recent.alerts);
    const spec = ctx.rng.pick(ALERTS);
    const alert: AlertRef = { id: alertId(ctx, spec), spec, severity: ctx.rng.weighted(SEVERITIES) };
    ctx.recent.addAlert(alert);
    return alert;
  });
}

export function alertEntityType(ctx: EventContext): string {
  return ctx.memo("entityType", () => {
    const service = ctx.table.name === "AlertEvidence" ? currentAlert(ctx).spec.service : "";
    if (service.includes("Office")) return ctx.rng.pick(["MailMessage", "Mailbox", "Url", "User"]);
    if (service.includes("Identity")) return ctx.rng.pick(["User", "Machine", "Ip"]);
    if (service.includes("Cloud Apps")) return ctx.rng.pick(["User", "CloudApplication", "Ip"]);
    return ctx.rng.pick(ENTITY_TYPES);
  });
}

function behavior(ctx: EventContext) {
  return ctx.memo(
    "behavior",
    () => BEHAVIOR_TYPES.find((b) => b.action === ctx.actionType) ?? ctx.rng.pick(BEHAVIOR_TYPES),
  );
}

function techniques(ctx: EventContext): readonly string[] {
  return ctx.table.name.startsWith("Behavior") ? behavior(ctx).techniques : currentAlert(ctx).spec.techniques;
}

/** Columns of AlertInfo, AlertEvidence, BehaviorInfo and BehaviorEntities. */
export const alertRules: RuleTable = {
  AlertId: (ctx) => currentAlert(ctx).id,
  Title: (ctx) => (ctx.table.name.startsWith("Behavior") ? behavior(ctx).action : currentAlert(ctx).spec.title),
  Category: (ctx) => currentAlert(ctx).spec.category,
  Categories: (ctx) => [
    ctx.table.name.startsWith("Behavior") ? behavior(ctx).category : currentAlert(ctx).spec.category,
  ],
  Severity: (ctx) => currentAlert(ctx).severity,
  ServiceSource: (ctx) =>
    ctx.table.name.startsWith("Behavior") ? "Microsoft Defender for Cloud Apps" : currentAlert(ctx).spec.service,
  DetectionSource: (ctx) =>
    ctx.table.name.startsWith("Behavior") ? "Microsoft Defender for Cloud Apps" : currentAlert(ctx).spec.detection,
  // Observed as a JSON array in a string, or an empty string when the alert maps to no technique.
  AttackTechniques: (ctx) => {
    const list = techniques(ctx);
    if (ctx.table.name === "BehaviorInfo") return list;
    return list.length === 0 ? "" : JSON.stringify(list);
  },
  EntityType: (ctx) => alertEntityType(ctx),
  EvidenceRole: (ctx) =>
    ctx.rng.weighted([
      ["Impacted", 40],
      ["Related", 60],
    ]),
  EntityRole: (ctx) =>
    ctx.rng.weighted([
      ["Impacted", 40],
      ["Related", 60],
    ]),
  DetailedEntityRole: (ctx) => ctx.rng.pick(["Source", "Destination", "Compromised", "Attacker"]),
  EvidenceDirection: (ctx) => ctx.rng.pick(["Source", "Destination"]),
  ThreatFamily: (ctx) => ctx.rng.pick(THREAT_FAMILIES) || null,
  EmailClusterId: (ctx) => ctx.rng.digits(11),
  "AlertEvidence.AdditionalFields": (ctx) => ({
    Type: alertEntityType(ctx).toLowerCase(),
    Role: ctx.rng.int(0, 2),
    MergeByKey: ctx.rng.hex(28),
    ...(alertEntityType(ctx) === "File" ? { DetectionStatus: ctx.rng.pick(["Detected", "Prevented", "Blocked"]) } : {}),
  }),
  BehaviorId: (ctx) => ctx.memo("behaviorId", () => `ba${ctx.rng.hex(34)}`),
  Description: (ctx) => behavior(ctx).description,
  DataSources: () => ["Microsoft Defender for Cloud Apps", "Microsoft Entra ID"],
  StartTime: (ctx) => new At(ctx.before(600_000, 7_200_000)),
  EndTime: (ctx) => new At(ctx.before(0, 300_000)),
  "BehaviorInfo.AdditionalFields": (ctx) => ({
    Countries: [ctx.user.location.country, "NG"],
    ActivityCount: ctx.rng.int(2, 400),
  }),
  "BehaviorEntities.AdditionalFields": (ctx) => ({ Type: alertEntityType(ctx).toLowerCase(), Role: ctx.rng.int(0, 2) }),
  CloudPlatform: (ctx) => ctx.rng.pick(["Azure", "AWS", "GCP"]),
  CloudResource: (ctx) => `vm-${ctx.rng.hex(6)}`,
  ResourceType: () => "Virtual Machine",
  CloudResourceType: () => "Virtual Machine",
  ResourceID: (ctx) =>
    `/subscriptions/${guid(ctx.rng)}/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-${ctx.rng.hex(6)}`,
  CloudResourceId: (ctx) =>
    `/subscriptions/${guid(ctx.rng)}/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-${ctx.rng.hex(6)}`,
  SubscriptionId: (ctx) => guid(ctx.rng),
  CloudSubscriptionId: (ctx) => guid(ctx.rng),
};
