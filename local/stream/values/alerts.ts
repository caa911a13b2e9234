/** Alert material: titles with their MITRE category, techniques and the product that raises them. */
export interface AlertSpec {
  readonly title: string;
  readonly category: string;
  readonly techniques: readonly string[];
  readonly service: string;
  readonly detection: string;
  /** AlertId prefix used by the raising product (da = Defender for Endpoint, fa = Office 365, aa = Identity, ca = Cloud Apps). */
  readonly idStyle: "da" | "fa" | "aa" | "ca";
}

const MDE = "Microsoft Defender for Endpoint";
const MDO = "Microsoft Defender for Office 365";
const MDI = "Microsoft Defender for Identity";
const MDCA = "Microsoft Defender for Cloud Apps";

export const ALERTS: readonly AlertSpec[] = [
  {
    title: "Suspicious PowerShell command line",
    category: "Execution",
    techniques: ["PowerShell (T1059.001)", "Obfuscated Files or Information (T1027)"],
    service: MDE,
    detection: "EDR",
    idStyle: "da",
  },
  {
    title: "'Wacatac' malware was prevented",
    category: "Malware",
    techniques: [],
    service: MDE,
    detection: "Antivirus",
    idStyle: "da",
  },
  {
    title: "Suspicious access to LSASS service",
    category: "CredentialAccess",
    techniques: ["OS Credential Dumping (T1003)", "LSASS Memory (T1003.001)"],
    service: MDE,
    detection: "EDR",
    idStyle: "da",
  },
  {
    title: "Anomalous scheduled task",
    category: "Persistence",
    techniques: ["Scheduled Task (T1053.005)"],
    service: MDE,
    detection: "EDR",
    idStyle: "da",
  },
  {
    title: "Email messages containing malicious URL removed after delivery",
    category: "InitialAccess",
    techniques: ["Phishing (T1566)", "Spearphishing Link (T1566.002)"],
    service: MDO,
    detection: "Microsoft Defender for Office 365",
    idStyle: "fa",
  },
  {
    title: "A potentially malicious URL click was detected",
    category: "InitialAccess",
    techniques: ["Spearphishing Link (T1566.002)"],
    service: MDO,
    detection: "Microsoft Defender for Office 365",
    idStyle: "fa",
  },
  {
    title: "Account enumeration reconnaissance",
    category: "Discovery",
    techniques: ["Account Discovery (T1087)", "Domain Account (T1087.002)"],
    service: MDI,
    detection: "Microsoft Defender for Identity",
    idStyle: "aa",
  },
  {
    title: "Suspected brute-force attack (Kerberos, NTLM)",
    category: "CredentialAccess",
    techniques: ["Brute Force (T1110)", "Password Guessing (T1110.001)"],
    service: MDI,
    detection: "Microsoft Defender for Identity",
    idStyle: "aa",
  },
  {
    title: "Impossible travel activity",
    category: "InitialAccess",
    techniques: ["Valid Accounts (T1078)"],
    service: MDCA,
    detection: "Microsoft Defender for Cloud Apps",
    idStyle: "ca",
  },
  {
    title: "Mass download by a single user",
    category: "Exfiltration",
    techniques: ["Exfiltration Over Web Service (T1567)"],
    service: MDCA,
    detection: "Microsoft Defender for Cloud Apps",
    idStyle: "ca",
  },
];

export const SEVERITIES = [
  ["Informational", 15],
  ["Low", 35],
  ["Medium", 35],
  ["High", 15],
] as const;

export const THREAT_FAMILIES = ["", "", "", "Wacatac", "Emotet", "CobaltStrike", "Mimikatz", "AgentTesla"] as const;

export const ENTITY_TYPES = [
  "File",
  "Process",
  "User",
  "Machine",
  "Ip",
  "Url",
  "MailMessage",
  "Mailbox",
  "RegistryValue",
  "CloudApplication",
] as const;

export const BEHAVIOR_TYPES = [
  {
    action: "ImpossibleTravelActivity",
    description: "A user signed in from two distant locations within a short period.",
    category: "InitialAccess",
    techniques: ["Valid Accounts (T1078)"],
  },
  {
    action: "MassDownload",
    description: "A user downloaded an unusual number of files.",
    category: "Exfiltration",
    techniques: ["Exfiltration Over Web Service (T1567)"],
  },
  {
    action: "MultipleFailedLoginAttempts",
    description: "Multiple failed sign-in attempts were made for one account.",
    category: "CredentialAccess",
    techniques: ["Brute Force (T1110)"],
  },
  {
    action: "SuspiciousInboxManipulationRules",
    description: "A user created an inbox rule that hides or forwards mail.",
    category: "Collection",
    techniques: ["Email Forwarding Rule (T1114.003)"],
  },
] as const;
