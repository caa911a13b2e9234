import { ephemeralPort, publicIPv4, privateIPv4, urlFor, COMMON_REMOTE_PORTS } from "../values/network";
import { REGISTRY_KEYS, REGISTRY_VALUES } from "../values/registry";
import type { EventContext } from "../event-context";
import type { RuleTable } from "./types";

const isWindows = (ctx: EventContext) => ctx.device.os === "windows";

function remoteEndpoint(ctx: EventContext) {
  return ctx.memo("remote", () => {
    const inbound = ctx.actionType === "InboundConnectionAccepted" || ctx.actionType === "ListeningConnectionCreated";
    const internal = inbound || ctx.rng.chance(0.25);
    return {
      ip: internal ? ctx.rng.pick(ctx.world.devices).localIp : publicIPv4(ctx.rng),
      port: inbound ? ctx.rng.pick([445, 3389, 135, 5985, 22]) : ctx.rng.pick(COMMON_REMOTE_PORTS),
      internal,
    };
  });
}

function registryValue(ctx: EventContext) {
  return ctx.memo("registryValue", () => ctx.rng.pick(REGISTRY_VALUES));
}

/** Columns of the Device* event tables (file, network, registry, logon). */
export const deviceRules: RuleTable = {
  DeviceId: (ctx) => ctx.device.id,
  DeviceName: (ctx) => ctx.device.name,
  MachineGroup: (ctx) => ctx.device.machineGroup,
  FileName: (ctx) => ctx.file.fileName,
  FolderPath: (ctx) => ctx.file.folderPath,
  SHA1: (ctx) => ctx.file.sha1,
  SHA256: (ctx) => (ctx.rng.chance(0.35) ? null : ctx.file.sha256),
  MD5: (ctx) => ctx.file.md5,
  FileSize: (ctx) => ctx.file.size,
  FileOriginUrl: (ctx) => urlFor(ctx.rng, ctx.remoteDomain),
  FileOriginReferrerUrl: (ctx) => `https://${ctx.remoteDomain}/`,
  FileOriginIP: (ctx) => publicIPv4(ctx.rng),
  PreviousFileName: (ctx) => `${ctx.file.fileName}.tmp`,
  PreviousFolderPath: (ctx) => ctx.file.folderPath.replace(/[^\\/]+$/, "") + "Temp",
  RemoteIP: (ctx) => remoteEndpoint(ctx).ip,
  RemotePort: (ctx) => remoteEndpoint(ctx).port,
  RemoteIPType: (ctx) => (remoteEndpoint(ctx).internal ? "Private" : "Public"),
  RemoteUrl: (ctx) => (ctx.table.name === "DeviceNetworkEvents" ? ctx.remoteDomain : urlFor(ctx.rng, ctx.remoteDomain)),
  RemoteDeviceName: (ctx) => ctx.rng.pick(ctx.world.devices).name.split(".")[0]?.toUpperCase() ?? null,
  LocalIP: (ctx) => (ctx.rng.chance(0.1) ? ctx.device.localIpv6 : ctx.device.localIp),
  LocalPort: (ctx) => ephemeralPort(ctx.rng),
  LocalIPType: () => "Private",
  Protocol: (ctx) =>
    ctx.table.name === "DeviceLogonEvents"
      ? ctx.rng.pick(["Negotiate", "NTLM", "Kerberos"])
      : ctx.rng.weighted([
          ["Tcp", 85],
          ["Udp", 14],
          ["Icmp", 1],
        ]),
  LogonType: (ctx) =>
    ctx.rng.weighted([
      ["Interactive", 20],
      ["Network", 45],
      ["RemoteInteractive", 10],
      ["Unlock", 10],
      ["Service", 10],
      ["Batch", 5],
    ]),
  FailureReason: (ctx) =>
    ctx.actionType === "LogonFailed"
      ? ctx.rng.pick(["InvalidUserNameOrPassword", "UnknownUser", "AccountDisabled", "PasswordExpired"])
      : null,
  IsLocalAdmin: (ctx) => ctx.user.isAdmin,
  LogonId: (ctx) => ctx.rng.int(100000, 90000000),
  AccountDomain: (ctx) => ctx.processAccount.domain,
  AccountName: (ctx) => ctx.processAccount.name,
  AccountSid: (ctx) => ctx.processAccount.sid,
  AccountUpn: (ctx) => ctx.processAccount.upn,
  AccountObjectId: (ctx) => ctx.processAccount.objectId,
  RegistryKey: (ctx) => ctx.memo("regKey", () => ctx.rng.pick(REGISTRY_KEYS).replace("{sid}", ctx.user.sid)),
  RegistryValueName: (ctx) => (ctx.actionType?.includes("Key") ? null : registryValue(ctx).name),
  RegistryValueType: (ctx) => (ctx.actionType?.includes("Key") ? null : registryValue(ctx).type),
  RegistryValueData: (ctx) => (ctx.actionType?.includes("Key") ? null : registryValue(ctx).data),
  PreviousRegistryKey: (ctx) => ctx.memo("regKey", () => ctx.rng.pick(REGISTRY_KEYS).replace("{sid}", ctx.user.sid)),
  PreviousRegistryValueName: (ctx) => registryValue(ctx).name,
  PreviousRegistryValueData: (ctx) => (ctx.rng.chance(0.5) ? "" : registryValue(ctx).data),
  RequestProtocol: (ctx) => (isSmb(ctx) ? "Smb" : "Local"),
  RequestSourceIP: (ctx) => privateIPv4(ctx.rng),
  RequestSourcePort: (ctx) => ephemeralPort(ctx.rng),
  RequestAccountName: (ctx) => ctx.otherUser.name,
  RequestAccountDomain: (ctx) => ctx.otherUser.domain,
  RequestAccountSid: (ctx) => ctx.otherUser.sid,
  ShareName: (ctx) => ctx.rng.pick(["C$", "Finance", "Public", "Users"]),
  SensitivityLabel: (ctx) => ctx.rng.pick(["General", "Confidential", "Highly Confidential"]),
  SensitivitySubLabel: (ctx) => ctx.rng.pick(["All Employees", "Finance", "Legal"]),
  IsAzureInfoProtectionApplied: (ctx) => ctx.rng.chance(0.05),
  AppGuardContainerId: (ctx) => (isWindows(ctx) && ctx.rng.chance(0.7) ? "" : null),
  ProcessTokenElevation: (ctx) => ctx.process.tokenElevation,
};

/** File events arriving over SMB carry the Request* and ShareName columns; local ones don't. */
export function isSmb(ctx: EventContext): boolean {
  return ctx.memo("smb", () => ctx.rng.chance(0.1));
}
