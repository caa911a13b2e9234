import { At, type EventContext, type ProcessInstance } from "../event-context";
import type { GenValue } from "./types";

const PREFIXES = ["InitiatingProcessParent", "InitiatingProcess", "Process"] as const;

/**
 * Columns of the Process* / InitiatingProcess* / InitiatingProcessParent* families, decoded from the
 * name (prefix + attribute) so the ~50 per-table variants share one implementation.
 */
export function processColumn(ctx: EventContext, name: string): GenValue | undefined {
  if (name === "IsInitiatingProcessRemoteSession") return remoteSession(ctx, "initiating") !== null;
  if (name === "IsProcessRemoteSession") return remoteSession(ctx, "process") !== null;
  if (name === "CreatedProcessSessionId") return ctx.process.sessionId;
  for (const prefix of PREFIXES) {
    if (!name.startsWith(prefix)) continue;
    const attribute = name.slice(prefix.length);
    const proc =
      prefix === "Process" ? ctx.process : prefix === "InitiatingProcess" ? ctx.initiatingProcess : ctx.parentProcess;
    const role = prefix === "Process" ? "process" : "initiating";
    const value = attributeOf(ctx, proc, attribute, role);
    if (value !== undefined) return value;
  }
  return undefined;
}

function remoteSession(ctx: EventContext, role: "initiating" | "process"): { device: string; ip: string } | null {
  return ctx.memo(`rdp:${role}`, () => {
    if (ctx.device.deviceType !== "Server" || !ctx.rng.chance(0.3)) return null;
    const from = ctx.rng.pick(ctx.world.devices);
    return { device: from.name.split(".")[0]?.toUpperCase() ?? "CLIENT", ip: from.localIp };
  });
}

function attributeOf(
  ctx: EventContext,
  p: ProcessInstance,
  attribute: string,
  role: "initiating" | "process",
): GenValue | undefined {
  const b = p.binary;
  const windows = ctx.device.os === "windows";
  switch (attribute) {
    case "FileName":
      return p.fileName;
    case "FolderPath":
      // Defender lowercases initiating-process paths on Windows; the created process keeps its case.
      return role === "initiating" && windows ? p.folderPath.toLowerCase() : p.folderPath;
    case "SHA1":
      return b.sha1;
    case "SHA256":
      return ctx.rng.chance(0.3) ? null : b.sha256;
    case "MD5":
      return b.md5;
    case "FileSize":
      return b.size;
    case "Id":
      return p.pid;
    case "CommandLine":
      return p.commandLine;
    case "CreationTime":
      return new At(p.creationTime);
    case "IntegrityLevel":
      return windows ? p.integrityLevel : null;
    case "TokenElevation":
      return windows ? p.tokenElevation : null;
    case "LogonId":
      return p.logonId;
    case "SessionId":
      return p.sessionId;
    case "UniqueId":
      return p.uniqueId;
    case "AccountDomain":
      return p.account.domain;
    case "AccountName":
      return p.account.name;
    case "AccountSid":
      return p.account.sid;
    case "AccountUpn":
      return p.account.upn;
    case "AccountObjectId":
      return p.account.objectId;
    case "VersionInfoCompanyName":
      return b.company || null;
    case "VersionInfoProductName":
      return b.product || null;
    case "VersionInfoProductVersion":
      return b.version || null;
    case "VersionInfoInternalFileName":
    case "VersionInfoOriginalFileName":
      return b.company ? b.fileName.replace(/\.EXE$/, ".exe") : null;
    case "VersionInfoFileDescription":
      return b.description || null;
    case "SignerType":
      return b.company === "Microsoft Corporation" ? "OsVendor" : b.company ? "ThirdParty" : "Unknown";
    case "SignatureStatus":
      return b.company ? "Valid" : "Unsigned";
    case "RemoteSessionDeviceName":
      return remoteSession(ctx, role)?.device ?? null;
    case "RemoteSessionIP":
      return remoteSession(ctx, role)?.ip ?? null;
    default:
      return undefined;
  }
}
