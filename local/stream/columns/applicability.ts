import type { EventContext } from "../event-context";
import { isSmb } from "./rules-device";
import { alertEntityType } from "./rules-alert";

const FILE = ["FileName", "FolderPath", "SHA1", "SHA256", "MD5", "FileSize"];
const PROC = [
  "ProcessId",
  "ProcessCommandLine",
  "ProcessCreationTime",
  "ProcessTokenElevation",
  "CreatedProcessSessionId",
  "IsProcessRemoteSession",
  "ProcessRemoteSessionDeviceName",
  "ProcessRemoteSessionIP",
];
const ACCT = ["AccountDomain", "AccountName", "AccountSid", "LogonId"];
const NET = ["RemoteIP", "RemotePort", "LocalIP", "LocalPort"];
const REG = ["RegistryKey", "RegistryValueName", "RegistryValueData"];

/** Columns of DeviceEvents that only some ActionTypes fill (the rest arrive null or absent). */
const DEVICE_EVENTS_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  AntivirusDetection: [...FILE, ...ACCT, "FileOriginUrl", "FileOriginIP"],
  ProcessCreatedUsingWmiQuery: [...FILE, ...PROC],
  ScheduledTaskCreated: ACCT,
  ScheduledTaskUpdated: ACCT,
  SmartScreenUrlWarning: ["RemoteUrl"],
  BrowserLaunchedToOpenUrl: ["RemoteUrl"],
  AsrLsassCredentialTheftAudited: [...FILE, ...PROC],
  ExploitGuardNonMicrosoftSignedAudited: FILE,
  CreateRemoteThreadApiCall: [...FILE, ...PROC],
  OpenProcessApiCall: [...FILE, ...PROC],
  ReadProcessMemoryApiCall: [...FILE, ...PROC],
  FirewallOutboundConnectionBlocked: NET,
  FirewallInboundConnectionBlocked: NET,
  ServiceInstalled: [...FILE, ...ACCT],
  UserAccountCreated: ACCT,
  ShellLinkCreateFileEvent: FILE,
  TamperingAttempt: REG,
};
const DEVICE_EVENTS_SPARSE = new Set([
  ...FILE,
  ...PROC,
  ...ACCT,
  ...NET,
  ...REG,
  "RemoteUrl",
  "RemoteDeviceName",
  "FileOriginUrl",
  "FileOriginIP",
]);

const EVIDENCE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  File: ["FileName", "FolderPath", "SHA1", "SHA256", "FileSize", "ThreatFamily", "DeviceId", "DeviceName"],
  Process: [
    "FileName",
    "FolderPath",
    "SHA1",
    "SHA256",
    "FileSize",
    "ProcessCommandLine",
    "DeviceId",
    "DeviceName",
    "AccountName",
    "AccountDomain",
    "AccountSid",
  ],
  User: ["AccountName", "AccountDomain", "AccountSid", "AccountObjectId", "AccountUpn"],
  Machine: ["DeviceId", "DeviceName", "LocalIP"],
  Ip: ["RemoteIP", "EvidenceDirection"],
  Url: ["RemoteUrl"],
  MailMessage: ["NetworkMessageId", "EmailSubject", "EmailClusterId"],
  Mailbox: ["AccountUpn", "AccountObjectId", "AccountName", "AccountDisplayName"],
  RegistryValue: ["RegistryKey", "RegistryValueName", "RegistryValueData", "DeviceId", "DeviceName"],
  CloudApplication: ["Application", "ApplicationId", "OAuthApplicationId"],
};
const EVIDENCE_SPARSE = new Set([
  ...Object.values(EVIDENCE_FAMILIES).flat(),
  "CloudResource",
  "CloudPlatform",
  "ResourceType",
  "ResourceID",
  "SubscriptionId",
  "CloudResourceType",
  "CloudResourceId",
  "CloudSubscriptionId",
  "DetailedEntityRole",
]);

/**
 * Whether a column carries a value for this event. Real payloads fill only the columns that make sense for
 * the event (a registry column stays null on a DNS event); the record builder then writes null or omits the key.
 */
export function isApplicable(ctx: EventContext, column: string): boolean {
  const table = ctx.table.name;
  const action = ctx.actionType ?? "";
  switch (table) {
    case "DeviceEvents":
      if (!DEVICE_EVENTS_SPARSE.has(column)) return true;
      return (DEVICE_EVENTS_FAMILIES[action] ?? []).includes(column);
    case "DeviceFileEvents":
      if (column === "PreviousFileName" || column === "PreviousFolderPath") return action === "FileRenamed";
      if (column.startsWith("FileOrigin"))
        return action === "FileCreated" && ctx.memo("origin", () => ctx.rng.chance(0.3));
      if (column.startsWith("RequestSource") || column.startsWith("RequestAccount") || column === "ShareName")
        return isSmb(ctx);
      if (column.startsWith("SensitivityLabel") || column === "SensitivitySubLabel")
        return ctx.memo("label", () => ctx.rng.chance(0.1));
      return true;
    case "DeviceRegistryEvents":
      if (column === "PreviousRegistryKey") return action === "RegistryKeyRenamed";
      if (column.startsWith("PreviousRegistryValue"))
        return action === "RegistryValueSet" && ctx.memo("prev", () => ctx.rng.chance(0.5));
      return true;
    case "DeviceLogonEvents":
      if (column.startsWith("Remote")) return ctx.memo("remoteLogon", () => ctx.rng.chance(0.5));
      return true;
    case "DeviceNetworkEvents":
      if (column === "RemoteUrl") return ctx.memo("resolved", () => ctx.rng.chance(0.55));
      if (column === "AdditionalFields") return action.endsWith("Inspected");
      return true;
    case "AlertEvidence":
    case "BehaviorEntities":
      if (!EVIDENCE_SPARSE.has(column)) return true;
      return (EVIDENCE_FAMILIES[alertEntityType(ctx)] ?? []).includes(column);
    default:
      return true;
  }
}
