/** Mail material for the Email* and UrlClickEvents tables. */
export const EXTERNAL_SENDERS = [
  { address: "billing@fabrikam.com", name: "Fabrikam Billing" },
  { address: "noreply@github.com", name: "GitHub" },
  { address: "newsletter@adatum.com", name: "Adatum News" },
  { address: "hr-benefits@contoso-payroll-update.com", name: "HR Benefits" },
  { address: "support@woodgrovebank.com", name: "Woodgrove Bank" },
  { address: "no-reply@sharepointonline.com", name: "SharePoint Online" },
  { address: "it-helpdesk@m1crosoft-login.info", name: "IT Helpdesk" },
  { address: "sales@northwindtraders.com", name: "Northwind Traders" },
] as const;

export const SUBJECTS = [
  "Invoice #8841 overdue",
  "Your weekly digest",
  "Q3 budget review",
  "Action required: verify your mailbox",
  "Updated benefits enrollment",
  "Meeting notes: platform sync",
  "Shared document: Contract_Acme_v4.docx",
  "Password expires today",
  "Re: onboarding checklist",
  "[GitHub] A new SSH key was added",
  "Purchase order PO-2291",
] as const;

export const DELIVERY = [
  { action: "Delivered", location: "Inbox/folder", threat: "", weight: 80 },
  { action: "Junked", location: "Junk folder", threat: "Spam", weight: 10 },
  { action: "Blocked", location: "Quarantine", threat: "Phish", weight: 6 },
  { action: "Blocked", location: "Quarantine", threat: "Malware", weight: 2 },
  { action: "Replaced", location: "Inbox/folder", threat: "Malware", weight: 2 },
] as const;

export const DETECTION_METHODS: Record<string, string> = {
  Spam: '{"Spam":["Mixed analysis detection"]}',
  Phish: '{"Phish":["URL detonation reputation","Impersonation domain"]}',
  Malware: '{"Malware":["File detonation","Antimalware protection"]}',
};

export const THREAT_NAMES: Record<string, string> = {
  Spam: "",
  Phish: "Phish.Credential",
  Malware: "Trojan:Win32/Wacatac.B!ml",
};

export const CONNECTORS = ["", "", "", "Inbound from Fabrikam partner", "Outbound to smarthost"] as const;
export const LANGUAGES = ["en", "en", "en", "de", "fr", "ja", "pt"] as const;
export const URL_LOCATIONS = ["Body", "Body", "Body", "Attachment", "QRCode", "Subject"] as const;
export const CLICK_APPS = [
  { name: "Outlook", version: "16.0.17726.20160", workload: "Email" },
  { name: "Teams", version: "24193.1805.3040.8975", workload: "Teams" },
  { name: "Word", version: "16.0.17726.20160", workload: "Office" },
] as const;
