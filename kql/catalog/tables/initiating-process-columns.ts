import { columnPicker } from "../define";
import type { CatalogColumn } from "../types";

/**
 * @internal The `InitiatingProcess*` columns of the seven Device event tables, each described once. Defender
 * documents this block in a different order per table, so tables spread the groups below in their own order and
 * pick single columns where a table breaks a group up.
 */
export const initiatingProcessColumns = columnPicker({
  InitiatingProcessAccountDomain: ["string", "Domain of the account running the initiating process"],
  InitiatingProcessAccountName: ["string", "User name running the initiating process"],
  InitiatingProcessAccountSid: ["string", "SID of the account running the initiating process"],
  InitiatingProcessAccountUpn: ["string", "UPN of the account running the initiating process"],
  InitiatingProcessAccountObjectId: ["string", "Entra object ID of the initiating process account"],
  InitiatingProcessLogonId: ["long", "Logon session ID of the initiating process"],
  InitiatingProcessIntegrityLevel: ["string", "Windows integrity level of the initiating process"],
  InitiatingProcessTokenElevation: ["string", "UAC token elevation type of the initiating process"],
  InitiatingProcessSHA1: ["string", "SHA-1 of the initiating process image"],
  InitiatingProcessSHA256: ["string", "SHA-256 of the initiating process image; often empty"],
  InitiatingProcessMD5: ["string", "MD5 of the initiating process image"],
  InitiatingProcessFileName: ["string", "File name of the initiating process"],
  InitiatingProcessFileSize: ["long", "Size in bytes of the initiating process image"],
  InitiatingProcessFolderPath: ["string", "Folder containing the initiating process image"],
  InitiatingProcessVersionInfoCompanyName: ["string", "Company name from initiating process version info"],
  InitiatingProcessVersionInfoProductName: ["string", "Product name from initiating process version info"],
  InitiatingProcessVersionInfoProductVersion: ["string", "Product version from initiating process version info"],
  InitiatingProcessVersionInfoInternalFileName: ["string", "Internal file name from initiating process version info"],
  InitiatingProcessVersionInfoOriginalFileName: ["string", "Original file name from initiating process version info"],
  InitiatingProcessVersionInfoFileDescription: ["string", "File description from initiating process version info"],
  InitiatingProcessId: ["long", "PID of the initiating process"],
  InitiatingProcessCommandLine: ["string", "Command line of the initiating process"],
  InitiatingProcessCreationTime: ["datetime", "When the initiating process started"],
  InitiatingProcessParentId: ["long", "PID of the initiating process's parent"],
  InitiatingProcessParentFileName: ["string", "File name of the initiating process's parent"],
  InitiatingProcessParentCreationTime: ["datetime", "When the initiating process's parent started"],
  InitiatingProcessSessionId: ["long", "Windows session ID of the initiating process"],
  IsInitiatingProcessRemoteSession: ["bool", "True if initiating process ran in an RDP session"],
  InitiatingProcessRemoteSessionDeviceName: [
    "string",
    "Remote device that opened the initiating process's RDP session",
  ],
  InitiatingProcessRemoteSessionIP: ["string", "IP of the remote device behind that RDP session"],
  InitiatingProcessUniqueId: ["string", "Unique ID of the initiating process (Windows process start key)"],
});

/** @internal Account running the initiating process: AccountDomain, AccountName, AccountSid, AccountUpn, AccountObjectId. */
export function initiatingProcessAccountColumns(): CatalogColumn[] {
  return initiatingProcessColumns(
    "InitiatingProcessAccountDomain",
    "InitiatingProcessAccountName",
    "InitiatingProcessAccountSid",
    "InitiatingProcessAccountUpn",
    "InitiatingProcessAccountObjectId",
  );
}

/** @internal IntegrityLevel and TokenElevation of the initiating process. */
export function initiatingProcessIntegrityColumns(): CatalogColumn[] {
  return initiatingProcessColumns("InitiatingProcessIntegrityLevel", "InitiatingProcessTokenElevation");
}

/** @internal The initiating process image: SHA1, SHA256, MD5, FileName, FileSize. */
export function initiatingProcessImageColumns(): CatalogColumn[] {
  return initiatingProcessColumns(
    "InitiatingProcessSHA1",
    "InitiatingProcessSHA256",
    "InitiatingProcessMD5",
    "InitiatingProcessFileName",
    "InitiatingProcessFileSize",
  );
}

/** @internal The six `InitiatingProcessVersionInfo*` columns (CompanyName … FileDescription). */
export function initiatingProcessVersionInfoColumns(): CatalogColumn[] {
  return initiatingProcessColumns(
    "InitiatingProcessVersionInfoCompanyName",
    "InitiatingProcessVersionInfoProductName",
    "InitiatingProcessVersionInfoProductVersion",
    "InitiatingProcessVersionInfoInternalFileName",
    "InitiatingProcessVersionInfoOriginalFileName",
    "InitiatingProcessVersionInfoFileDescription",
  );
}

/** @internal The initiating process itself: Id, CommandLine, CreationTime. */
export function initiatingProcessLaunchColumns(): CatalogColumn[] {
  return initiatingProcessColumns(
    "InitiatingProcessId",
    "InitiatingProcessCommandLine",
    "InitiatingProcessCreationTime",
  );
}

/** @internal The initiating process's parent: ParentId, ParentFileName, ParentCreationTime. */
export function initiatingProcessParentColumns(): CatalogColumn[] {
  return initiatingProcessColumns(
    "InitiatingProcessParentId",
    "InitiatingProcessParentFileName",
    "InitiatingProcessParentCreationTime",
  );
}

/**
 * @internal SHA1 … ParentCreationTime: image, version info, launch, FolderPath and parent, the run that the logon,
 * image-load, process and registry tables document alike.
 */
export function initiatingProcessDetailColumns(): CatalogColumn[] {
  return [
    ...initiatingProcessImageColumns(),
    ...initiatingProcessVersionInfoColumns(),
    ...initiatingProcessLaunchColumns(),
    ...initiatingProcessColumns("InitiatingProcessFolderPath"),
    ...initiatingProcessParentColumns(),
  ];
}

/** @internal The initiating process's Windows session and RDP origin (SessionId … RemoteSessionIP). */
export function initiatingProcessSessionColumns(): CatalogColumn[] {
  return initiatingProcessColumns(
    "InitiatingProcessSessionId",
    "IsInitiatingProcessRemoteSession",
    "InitiatingProcessRemoteSessionDeviceName",
    "InitiatingProcessRemoteSessionIP",
  );
}
