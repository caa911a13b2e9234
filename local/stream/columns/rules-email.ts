import type { EventContext } from "../event-context";
import type { EmailRef } from "../recent-pool";
import { fileTypeOf, extensionOf } from "../values/documents";
import {
  CLICK_APPS,
  CONNECTORS,
  DELIVERY,
  DETECTION_METHODS,
  EXTERNAL_SENDERS,
  LANGUAGES,
  SUBJECTS,
  THREAT_NAMES,
  URL_LOCATIONS,
} from "../values/email";
import { domainOf, publicIPv4, publicIPv6, urlFor } from "../values/network";
import { ORG } from "../values/people";
import { guid } from "../values/world";
import type { RuleTable } from "./types";

/** The email of this event: EmailEvents creates one; the other mail tables mostly reuse a recent one. */
export function currentEmail(ctx: EventContext): EmailRef {
  return ctx.memo("email", () => {
    const reuse = ctx.table.name !== "EmailEvents" && ctx.recent.emails.length > 0 && ctx.rng.chance(0.85);
    if (reuse) return ctx.rng.pick(ctx.recent.emails);
    const sender = ctx.rng.chance(0.7)
      ? ctx.rng.pick(EXTERNAL_SENDERS)
      : { address: ctx.otherUser.upn, name: ctx.otherUser.displayName };
    const delivery = ctx.rng.weighted(DELIVERY.map((d) => [d, d.weight] as const));
    const email: EmailRef = {
      networkMessageId: guid(ctx.rng),
      internetMessageId: `<${ctx.rng.hex(32).toUpperCase()}@${sender.address.split("@")[1] ?? ORG.mailDomain}>`,
      senderAddress: sender.address,
      senderName: sender.name,
      recipientAddress: ctx.user.upn,
      recipientObjectId: ctx.user.objectId,
      subject: ctx.rng.pick(SUBJECTS),
      threat: delivery.threat,
    };
    ctx.recent.addEmail(email);
    ctx.memo("delivery", () => delivery);
    return email;
  });
}

function delivery(ctx: EventContext) {
  currentEmail(ctx);
  return ctx.memo("delivery", () => DELIVERY.find((d) => d.threat === currentEmail(ctx).threat) ?? DELIVERY[0]);
}

const domainOfAddress = (address: string) => address.split("@")[1] ?? "";
const isInternal = (address: string) => domainOfAddress(address) === ORG.mailDomain;

function clickUrl(ctx: EventContext): string {
  return ctx.memo("clickUrl", () =>
    urlFor(ctx.rng, domainOf(ctx.rng, currentEmail(ctx).threat === "Phish" ? 0.9 : 0.05)),
  );
}

/** Columns of the Email* tables and UrlClickEvents. */
export const emailRules: RuleTable = {
  NetworkMessageId: (ctx) => currentEmail(ctx).networkMessageId,
  InternetMessageId: (ctx) => currentEmail(ctx).internetMessageId,
  SenderMailFromAddress: (ctx) => currentEmail(ctx).senderAddress,
  SenderFromAddress: (ctx) => currentEmail(ctx).senderAddress,
  SenderDisplayName: (ctx) => currentEmail(ctx).senderName,
  SenderObjectId: (ctx) => (isInternal(currentEmail(ctx).senderAddress) ? ctx.otherUser.objectId : null),
  SenderMailFromDomain: (ctx) => domainOfAddress(currentEmail(ctx).senderAddress),
  SenderFromDomain: (ctx) => domainOfAddress(currentEmail(ctx).senderAddress),
  SenderIPv4: (ctx) => publicIPv4(ctx.rng),
  SenderIPv6: (ctx) => (ctx.rng.chance(0.2) ? publicIPv6(ctx.rng) : null),
  RecipientEmailAddress: (ctx) => currentEmail(ctx).recipientAddress,
  RecipientObjectId: (ctx) => currentEmail(ctx).recipientObjectId,
  RecipientDomain: (ctx) => domainOfAddress(currentEmail(ctx).recipientAddress),
  Subject: (ctx) => currentEmail(ctx).subject,
  EmailSubject: (ctx) => currentEmail(ctx).subject,
  "EmailEvents.EmailClusterId": (ctx) => ctx.rng.int(1_000_000_000, 99_999_999_999),
  EmailDirection: (ctx) => (isInternal(currentEmail(ctx).senderAddress) ? "Intra-org" : "Inbound"),
  DeliveryAction: (ctx) => delivery(ctx).action,
  DeliveryLocation: (ctx) =>
    ctx.table.name === "EmailPostDeliveryEvents"
      ? ctx.rng.pick(["Junk folder", "Quarantine", "Deleted items"])
      : delivery(ctx).location,
  ThreatTypes: (ctx) => currentEmail(ctx).threat || null,
  ThreatNames: (ctx) => THREAT_NAMES[currentEmail(ctx).threat] || null,
  DetectionMethods: (ctx) => DETECTION_METHODS[currentEmail(ctx).threat] ?? null,
  "EmailEvents.ConfidenceLevel": (ctx) =>
    currentEmail(ctx).threat ? JSON.stringify({ [currentEmail(ctx).threat]: "High", Spam: "Normal" }) : null,
  BulkComplaintLevel: (ctx) => ctx.rng.int(0, 9),
  EmailAction: (ctx) =>
    ({ Junked: "Move message to junk mail folder", Blocked: "Send to quarantine", Replaced: "Replace attachment" })[
      delivery(ctx).action as string
    ] ?? null,
  EmailActionPolicy: (ctx) => (delivery(ctx).threat ? ctx.rng.pick(["Antiphish", "Antispam", "Antimalware"]) : null),
  EmailActionPolicyGuid: (ctx) => (delivery(ctx).threat ? guid(ctx.rng) : null),
  AuthenticationDetails: (ctx) => {
    const pass = !currentEmail(ctx).threat || ctx.rng.chance(0.3);
    return {
      SPF: pass ? "pass" : "fail",
      DKIM: pass ? "pass" : "none",
      DMARC: pass ? "pass" : "fail",
      CompAuth: pass ? "pass" : "fail",
    };
  },
  AttachmentCount: (ctx) =>
    ctx.rng.weighted([
      [0, 70],
      [1, 22],
      [2, 6],
      [4, 2],
    ]),
  UrlCount: (ctx) => ctx.rng.int(0, 12),
  EmailLanguage: (ctx) => ctx.rng.pick(LANGUAGES),
  Connectors: (ctx) => ctx.rng.pick(CONNECTORS),
  OrgLevelAction: (ctx) => (ctx.rng.chance(0.1) ? "Allow" : null),
  OrgLevelPolicy: (ctx) => (ctx.rng.chance(0.1) ? "Tenant Allow Block List" : null),
  UserLevelAction: (ctx) => (ctx.rng.chance(0.05) ? "Block" : null),
  UserLevelPolicy: (ctx) => (ctx.rng.chance(0.05) ? "User blocked senders list" : null),
  "EmailEvents.AdditionalFields": (ctx) =>
    ctx.rng.chance(0.6) ? null : { ImpersonatedDomain: ctx.rng.pick(["fabrikam.com", "contoso.com"]) },
  DistributionList: (ctx) => (ctx.rng.chance(0.1) ? `finance-all@${ORG.mailDomain}` : null),
  ExchangeTransportRule: (ctx) => (ctx.rng.chance(0.1) ? "External sender banner" : null),
  ForwardingInformation: () => null,
  Context: () => null,
  To: (ctx) => [currentEmail(ctx).recipientAddress],
  Cc: (ctx) => (ctx.rng.chance(0.7) ? [] : [ctx.otherUser.upn]),
  ThreatClassification: (ctx) =>
    currentEmail(ctx).threat === "Phish" ? ctx.rng.pick(["Credential phishing", "Business email compromise"]) : null,
  EmailSize: (ctx) => ctx.rng.int(2_000, 4_500_000),
  IsFirstContact: (ctx) => ctx.rng.chance(0.2),
  // EmailAttachmentInfo
  "EmailAttachmentInfo.FileType": (ctx) => fileTypeOf(ctx.file.fileName),
  "EmailAttachmentInfo.FileExtension": (ctx) => extensionOf(ctx.file.fileName),
  "EmailAttachmentInfo.SHA256": (ctx) => ctx.file.sha256,
  // EmailUrlInfo / UrlClickEvents
  Url: (ctx) => clickUrl(ctx),
  UrlDomain: (ctx) => new URL(clickUrl(ctx)).hostname,
  UrlLocation: (ctx) => ctx.rng.pick(URL_LOCATIONS),
  UrlChainId: (ctx) => ctx.memo("chain", () => guid(ctx.rng)),
  UrlChainPosition: (ctx) =>
    ctx.rng.weighted([
      [0, 80],
      [1, 15],
      [2, 5],
    ]),
  // EmailPostDeliveryEvents
  Action: (ctx) => ctx.rng.pick(["Moved to junk folder", "Soft delete", "Moved to quarantine", "Hard delete"]),
  ActionTrigger: (ctx) => (ctx.actionType?.includes("ZAP") ? "SpecialAction" : "AdminAction"),
  ActionResult: (ctx) =>
    ctx.rng.weighted([
      ["Success", 95],
      ["Error", 5],
    ]),
  SourceLocation: () => "Inbox/folder",
  // UrlClickEvents
  "UrlClickEvents.AccountUpn": (ctx) => ctx.user.upn,
  Workload: (ctx) => clickApp(ctx).workload,
  AppName: (ctx) => clickApp(ctx).name,
  AppVersion: (ctx) => clickApp(ctx).version,
  IsClickedThrough: (ctx) => ctx.actionType === "ClickBlocked" && ctx.rng.chance(0.2),
  UrlChain: (ctx) => [clickUrl(ctx)],
  SourceId: (ctx) => (clickApp(ctx).workload === "Email" ? currentEmail(ctx).networkMessageId : guid(ctx.rng)),
  "UrlClickEvents.IPAddress": (ctx) => publicIPv4(ctx.rng),
  "UrlClickEvents.DetectionMethods": (ctx) => (ctx.actionType === "ClickAllowed" ? null : "URL detonation reputation"),
  "UrlClickEvents.ThreatTypes": (ctx) => (ctx.actionType === "ClickAllowed" ? null : "Phish"),
};

function clickApp(ctx: EventContext) {
  return ctx.memo("clickApp", () => ctx.rng.pick(CLICK_APPS));
}
