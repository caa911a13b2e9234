import type { Rng } from "../rng";

/** Files users and tools touch; extension drives FileType and content-ish fields. */
export const DOCUMENTS = [
  "Q3-Budget.xlsx",
  "Board-Deck-2026.pptx",
  "Contract_Acme_v4.docx",
  "invoice_8841.pdf",
  "payroll_export.csv",
  "setup_x64.exe",
  "app-setup.exe",
  "notes.txt",
  "screenshot_0412.png",
  "archive.zip",
  "backup.7z",
  "report.html",
  "update.ps1",
  "install.msi",
  "~$Budget.xlsx",
  "Thumbs.db",
  "debug.log",
  "config.json",
] as const;

export const USER_FOLDERS = [
  "Downloads",
  "Documents",
  "Desktop",
  "AppData\\Local\\Temp",
  "OneDrive - Contoso\\Shared",
] as const;

export const UNIX_FOLDERS = ["/tmp", "/var/log", "/home/{user}", "/opt/app", "/etc/cron.d"] as const;

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

/** Defender's FileType names for attachments (EmailAttachmentInfo). */
export function fileTypeOf(fileName: string): string {
  const ext = extensionOf(fileName);
  const map: Record<string, string> = {
    xlsx: "xlsx",
    pptx: "pptx",
    docx: "docx",
    pdf: "pdf",
    csv: "txt",
    exe: "exe",
    txt: "txt",
    png: "png",
    zip: "zip",
    "7z": "7z",
    html: "html",
    ps1: "ps1",
    msi: "msi",
    json: "txt",
    log: "txt",
    db: "unknown",
  };
  return map[ext] ?? "unknown";
}

export function pickDocument(rng: Rng): string {
  return rng.pick(DOCUMENTS);
}
