import { At, type EventContext } from "../event-context";
import { publicIPv4 } from "../values/network";
import { ISPS, ORG } from "../values/people";
import { guid } from "../values/world";
import type { RuleTable } from "./types";

/** Defender for Cloud Apps application ids of Microsoft 365 workloads. */
const CLOUD_APPS = [
  {
    name: "Microsoft SharePoint Online",
    id: 20892,
    actions: ["FileAccessed", "FileDownloaded", "FileModified", "FileUploaded", "FileSyncDownloadedFull"],
  },
  {
    name: "Microsoft OneDrive for Business",
    id: 15600,
    actions: ["FileAccessed", "FileDownloaded", "FileUploaded", "FileSyncDownloadedFull"],
  },
  {
    name: "Microsoft Exchange Online",
    id: 20893,
    actions: ["MailItemsAccessed", "Send", "New-InboxRule", "Set-Mailbox"],
  },
  { name: "Microsoft Teams", id: 11394, actions: ["MessageSent"] },
  { name: "Microsoft 365", id: 11161, actions: ["UserLoggedIn", "Add member to role.", "Update user."] },
] as const;

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36 Edg/127.0.0.0",
  "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17726; Pro)",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "OneDriveSync/24.146.0721.0003",
] as const;

function cloudApp(ctx: EventContext) {
  return ctx.memo(
    "cloudApp",
    () =>
      CLOUD_APPS.find((a) => (a.actions as readonly string[]).includes(ctx.actionType ?? "")) ??
      ctx.rng.pick(CLOUD_APPS),
  );
}

function objectName(ctx: EventContext): string {
  return ctx.memo("objectName", () =>
    cloudApp(ctx).id === 20893
      ? `${ctx.user.upn}`
      : `https://contoso.sharepoint.com/sites/${ctx.user.department.replace(/\s/g, "")}/Shared Documents/${ctx.file.fileName}`,
  );
}

function clientIp(ctx: EventContext): string {
  return ctx.memo("clientIp", () => publicIPv4(ctx.rng));
}

function thread(ctx: EventContext) {
  return ctx.memo("thread", () => ({
    id: `19:${ctx.rng.hex(32)}@thread.v2`,
    type: ctx.rng.pick(["chat", "space", "meeting"]),
    name: ctx.rng.pick(["Platform sync", "Finance Q3", "", "Incident bridge"]),
    group: ctx.rng.chance(0.5) ? { id: guid(ctx.rng), name: `${ctx.user.department} Team` } : null,
  }));
}

function teamsUrl(ctx: EventContext): string {
  return ctx.memo(
    "teamsUrl",
    () => `https://${ctx.rng.pick(["contoso.sharepoint.com", "github.com", "www.bing.com", ORG.mailDomain])}/`,
  );
}

/** Columns of CloudAppEvents and the Teams message tables (MessageEvents, MessageUrlInfo). */
export const cloudRules: RuleTable = {
  "CloudAppEvents.Application": (ctx) => cloudApp(ctx).name,
  "CloudAppEvents.ApplicationId": (ctx) => cloudApp(ctx).id,
  Application: (ctx) => ctx.rng.pick(CLOUD_APPS).name,
  ApplicationId: (ctx) => ctx.rng.pick(CLOUD_APPS).id,
  AppInstanceId: () => 0,
  "CloudAppEvents.IsAdminOperation": (ctx) =>
    ctx.actionType === "Add member to role." || ctx.actionType === "Update user.",
  "CloudAppEvents.DeviceType": (ctx) =>
    ctx.rng.weighted([
      ["Desktop", 85],
      ["Mobile", 15],
    ]),
  "CloudAppEvents.OSPlatform": (ctx) => ctx.rng.pick(["Windows 10", "Windows 11", "macOS", "iOS"]),
  "CloudAppEvents.IPAddress": (ctx) => clientIp(ctx),
  IsAnonymousProxy: (ctx) => ctx.rng.chance(0.01),
  CountryCode: (ctx) => ctx.user.location.country,
  "CloudAppEvents.City": (ctx) => ctx.user.location.city,
  UserAgent: (ctx) => ctx.rng.pick(USER_AGENTS),
  ActivityType: (ctx) =>
    ctx.rng.weighted([
      ["Basic", 90],
      ["Security", 10],
    ]),
  ActivityObjects: (ctx) => [
    { Type: "Structured object", Role: "Parameter", Name: objectName(ctx) },
    {
      ApplicationId: cloudApp(ctx).id,
      Type: "Service",
      Role: "Target object",
      Name: cloudApp(ctx).name,
      Id: String(cloudApp(ctx).id),
    },
  ],
  ObjectName: (ctx) => objectName(ctx),
  ObjectType: (ctx) => (cloudApp(ctx).id === 20893 ? "Structured object" : "File"),
  ObjectId: (ctx) => objectName(ctx),
  "CloudAppEvents.ReportId": (ctx) => `${guid(ctx.rng)}_${ctx.rng.int(10000, 99999)}`,
  AccountType: (ctx) => (ctx.user.isAdmin ? "Admin" : "Regular"),
  IsExternalUser: (ctx) => ctx.rng.chance(0.03),
  IsImpersonated: (ctx) => ctx.rng.chance(0.01),
  IPTags: (ctx) => (ctx.rng.chance(0.8) ? [] : ["Microsoft Azure"]),
  IPCategory: (ctx) => ctx.rng.pick(["Corporate", "Cloud provider", "ISP", null]),
  UserAgentTags: (ctx) => (ctx.rng.chance(0.9) ? [] : ["Native client"]),
  RawEventData: (ctx) => ({
    CreationTime: new Date(ctx.time.ms).toISOString().slice(0, 19),
    Id: guid(ctx.rng),
    Operation: ctx.actionType,
    OrganizationId: "7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01",
    RecordType: cloudApp(ctx).id === 20893 ? 2 : 6,
    UserId: ctx.user.upn,
    ClientIP: clientIp(ctx),
    Workload: cloudApp(ctx).name.replace("Microsoft ", "").replace(" Online", "").replace(" for Business", ""),
  }),
  "CloudAppEvents.AdditionalFields": (ctx) =>
    ctx.rng.chance(0.5) ? {} : { IsSatelliteProvider: false, ISP: ctx.rng.pick(ISPS) },
  AuditSource: (ctx) =>
    ctx.rng.weighted([
      ["Defender for Cloud Apps app connector", 90],
      ["Defender for Cloud Apps access control", 10],
    ]),
  SessionData: (ctx) => (ctx.rng.chance(0.9) ? {} : { InitialSessionId: guid(ctx.rng) }),
  OAuthAppId: (ctx) => (ctx.rng.chance(0.9) ? null : guid(ctx.rng)),
  OAuthApplicationId: (ctx) => guid(ctx.rng),
  // MessageEvents / MessageUrlInfo (Teams)
  TeamsMessageId: (ctx) => ctx.memo("teamsId", () => ctx.rng.digits(13)),
  SenderEmailAddress: (ctx) => ctx.user.upn,
  "MessageEvents.SenderDisplayName": (ctx) => ctx.user.displayName,
  "MessageEvents.SenderObjectId": (ctx) => ctx.user.objectId,
  SenderType: () => "User",
  RecipientDetails: (ctx) => [
    {
      RecipientSmtpAddress: ctx.otherUser.upn,
      RecipientDisplayName: ctx.otherUser.displayName,
      RecipientObjectId: ctx.otherUser.objectId,
      RecipientType: "User",
    },
  ],
  IsOwnedThread: (ctx) => ctx.rng.chance(0.9),
  MessageId: (ctx) => ctx.rng.digits(13),
  ParentMessageId: (ctx) => (ctx.rng.chance(0.6) ? null : ctx.rng.digits(13)),
  GroupId: (ctx) => thread(ctx).group?.id ?? null,
  GroupName: (ctx) => thread(ctx).group?.name ?? null,
  ThreadId: (ctx) => thread(ctx).id,
  ThreadType: (ctx) => thread(ctx).type,
  ThreadName: (ctx) => thread(ctx).name,
  ThreadSubtype: (ctx) => ctx.rng.pick(["Chat", "Topic", "Meeting"]),
  IsExternalThread: (ctx) => ctx.rng.chance(0.05),
  MessageFormatType: () => "RichText",
  MessageFormatSubtype: () => "Html",
  MessageVersion: (ctx) => String(ctx.time.ms),
  MessageSubject: (ctx) => (ctx.rng.chance(0.8) ? "" : "Quarterly numbers"),
  LastEditedTime: (ctx) => (ctx.rng.chance(0.85) ? null : new At(ctx.before(0, 600_000))),
  "MessageEvents.ThreatTypes": (ctx) => (ctx.rng.chance(0.97) ? null : "Phish"),
  "MessageEvents.DetectionMethods": (ctx) => (ctx.rng.chance(0.97) ? null : { Phish: ["URL detonation reputation"] }),
  "MessageEvents.ConfidenceLevel": (ctx) => (ctx.rng.chance(0.97) ? null : { Phish: "High" }),
  "MessageEvents.DeliveryAction": () => "Delivered",
  "MessageEvents.DeliveryLocation": () => "Teams",
  SafetyTip: () => null,
  "MessageUrlInfo.Url": (ctx) => teamsUrl(ctx),
  "MessageUrlInfo.UrlDomain": (ctx) => new URL(teamsUrl(ctx)).hostname,
  "MessageUrlInfo.ThreatTypes": () => null,
};
