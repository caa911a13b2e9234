import type { Rng } from "../rng";

/** Well-known destinations; benign ones dominate, a few look like phishing/C2 for alert and click events. */
export const BENIGN_DOMAINS = [
  "login.microsoftonline.com",
  "outlook.office365.com",
  "contoso.sharepoint.com",
  "graph.microsoft.com",
  "winatp-gw-eus.microsoft.com",
  "settings-win.data.microsoft.com",
  "www.google.com",
  "github.com",
  "raw.githubusercontent.com",
  "update.googleapis.com",
  "teams.microsoft.com",
  "ctldl.windowsupdate.com",
  "www.bing.com",
  "pypi.org",
  "registry.npmjs.org",
  "cdn.jsdelivr.net",
  "slack.com",
  "zoom.us",
] as const;

export const SUSPICIOUS_DOMAINS = [
  "contoso-payroll-update.com",
  "sharepoint-docs-secure.net",
  "m1crosoft-login.info",
  "invoice-portal-247.top",
  "cdn-updates.xyz",
  "dropfile-share.ru",
] as const;

export const URL_PATHS = [
  "/",
  "/common/oauth2/v2.0/authorize",
  "/owa/",
  "/sites/Finance/Shared%20Documents/Forms/AllItems.aspx",
  "/v1.0/me/messages",
  "/contoso/app/releases/download/v2.4.1/app-setup.exe",
  "/download/invoice_8841.zip",
  "/wp-content/uploads/2026/doc.php",
  "/login.php?session=8f3a2c",
  "/simple/requests/",
  "/search?q=kql+mv-expand",
] as const;

export const COMMON_REMOTE_PORTS = [443, 443, 443, 443, 80, 53, 445, 135, 3389, 22, 8080, 5985, 389, 88] as const;

const PUBLIC_PREFIXES = [
  [20, 0],
  [40, 0],
  [52, 0],
  [13, 107],
  [104, 0],
  [151, 101],
  [142, 250],
  [185, 199],
  [34, 0],
  [23, 0],
  [45, 0],
  [91, 0],
] as const;

export function privateIPv4(rng: Rng): string {
  const kind = rng.int(0, 2);
  if (kind === 0) return `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
  if (kind === 1) return `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
  return `192.168.${rng.int(0, 10)}.${rng.int(2, 254)}`;
}

export function publicIPv4(rng: Rng): string {
  const [a, b] = rng.pick(PUBLIC_PREFIXES);
  return `${a}.${b === 0 ? rng.int(1, 254) : b}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function hextet(rng: Rng): string {
  return rng.int(0, 0xffff).toString(16);
}

export function linkLocalIPv6(rng: Rng): string {
  return `fe80::${hextet(rng)}:${hextet(rng)}:${hextet(rng)}:${hextet(rng)}`;
}

export function publicIPv6(rng: Rng): string {
  const prefix = rng.pick(["2603:1030", "2a01:111", "2001:4860", "2606:4700"]);
  return `${prefix}:${hextet(rng)}:${hextet(rng)}::${hextet(rng)}`;
}

export function ephemeralPort(rng: Rng): number {
  return rng.int(49152, 65535);
}

export function macAddress(rng: Rng): string {
  const bytes: string[] = [];
  for (let i = 0; i < 6; i++) bytes.push(rng.hex(2).toUpperCase());
  return bytes.join("-");
}

export function domainOf(rng: Rng, suspiciousChance = 0.05): string {
  return rng.chance(suspiciousChance) ? rng.pick(SUSPICIOUS_DOMAINS) : rng.pick(BENIGN_DOMAINS);
}

export function urlFor(rng: Rng, domain: string): string {
  return `https://${domain}${rng.pick(URL_PATHS)}`;
}
