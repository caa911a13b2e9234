import { col, columnPicker, extra } from "../define";
import type { CatalogColumn } from "../types";

/**
 * @internal File columns that the Device, AlertEvidence and BehaviorEntities tables describe alike. Tables whose
 * file is something specific (a loaded DLL, a created process image) keep their own wording inline.
 */
export const fileColumns = columnPicker({
  FileName: ["string", "Name of the file the action applied to"],
  FolderPath: ["string", "Folder path of the file the action applied to"],
  SHA1: ["string", "SHA-1 hash of the file"],
  SHA256: ["string", "SHA-256 hash of the file; often empty"],
  MD5: ["string", "MD5 hash of the file"],
  FileSize: ["long", "File size in bytes"],
});

/**
 * @internal Account columns in their generic wording (DeviceEvents, AlertEvidence, the Identity and Behavior
 * tables). DeviceLogonEvents and DeviceProcessEvents say whose account it is and keep their own wording inline.
 */
export const accountColumns = columnPicker({
  AccountName: ["string", "User name of the account"],
  AccountDomain: ["string", "Domain of the account"],
  AccountUpn: ["string", "User principal name (UPN) of the account"],
  AccountSid: ["string", "Security identifier (SID) of the account"],
  AccountObjectId: ["string", "Entra ID object ID of the account"],
  AccountDisplayName: ["string", "Display name of the account"],
});

/** @internal The account block of the three Identity*Events tables: AccountName … AccountDisplayName. */
export function identityAccountColumns(): CatalogColumn[] {
  return accountColumns(
    "AccountName",
    "AccountDomain",
    "AccountUpn",
    "AccountSid",
    "AccountObjectId",
    "AccountDisplayName",
  );
}

/** @internal DeviceId and DeviceName as every table that names a Defender device describes them. */
export function deviceColumns(): CatalogColumn[] {
  return [
    col("DeviceId", "string", "Defender's unique identifier for the device"),
    col("DeviceName", "string", "Fully qualified name of the device"),
  ];
}

/** @internal Timestamp, DeviceId, DeviceName: the first columns of every Device event table. */
export function deviceEventHeaderColumns(): CatalogColumn[] {
  return [col("Timestamp", "datetime", "When the event was recorded (event time, UTC)"), ...deviceColumns()];
}

/** @internal ReportId and AppGuardContainerId, which follow the Initiating-process block in every Device event table. */
export function deviceEventReportColumns(): CatalogColumn[] {
  return [
    col("ReportId", "long", "Event identifier; combine with DeviceName and Timestamp for uniqueness"),
    col("AppGuardContainerId", "string", "Application Guard container ID isolating browser activity"),
  ];
}

/** @internal The created process's Windows session and RDP origin (DeviceEvents, DeviceProcessEvents). */
export function createdProcessSessionColumns(): CatalogColumn[] {
  return [
    col("CreatedProcessSessionId", "long", "Windows session ID of the created process"),
    col("IsProcessRemoteSession", "bool", "True if the created process ran in an RDP session"),
    col("ProcessRemoteSessionDeviceName", "string", "Remote device that opened the created process's RDP session"),
    col("ProcessRemoteSessionIP", "string", "IP of the remote device for the created process's session"),
  ];
}

/**
 * @internal The `MachineGroup` stream extra of the Device and Alert tables (DeviceInfo documents it natively and
 * keeps its own column).
 */
export function machineGroupColumn(): CatalogColumn {
  return extra("MachineGroup", "string", "Device group decoration added to streamed events");
}
