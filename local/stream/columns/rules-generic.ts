import { At, type EventContext } from "../event-context";
import { dotNetTicks } from "../time-format";
import { guid } from "../values/world";
import { currentEmail } from "./rules-email";
import type { RuleTable } from "./types";

/** Snapshot tables whose ReportId is a .NET-ticks-sized (18-digit) integer. */
const TICK_REPORT_IDS = new Set(["DeviceInfo", "DeviceNetworkInfo"]);

function deviceAdditionalFields(ctx: EventContext) {
  switch (ctx.actionType) {
    case "PowerShellCommand":
      return {
        Command: ctx.rng.pick([
          "Get-Process",
          "Import-Module",
          "Invoke-WebRequest",
          "Get-ItemProperty",
          "Set-ExecutionPolicy",
        ]),
      };
    case "DnsQueryResponse":
      return {
        DnsQueryString: ctx.remoteDomain,
        DnsQueryResult: [
          {
            DnsQueryType: 1,
            DnsQueryResult: `20.${ctx.rng.int(1, 250)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(1, 254)}`,
          },
        ],
      };
    case "AntivirusDetection":
      return {
        ThreatName: "Trojan:Win32/Wacatac.B!ml",
        WasRemediated: true,
        ReportSource: "Realtime",
        WasExecutingWhileDetected: false,
      };
    case "ScheduledTaskCreated":
    case "ScheduledTaskUpdated":
      return { TaskName: "\\OneDrive Reporting Task", TaskContent: '<?xml version="1.0" encoding="UTF-16"?><Task/>' };
    case "NamedPipeEvent":
      return {
        PipeName: `\\Device\\NamedPipe\\mojo.${ctx.rng.int(1000, 9999)}.${ctx.rng.digits(10)}`,
        FileOperation: "File opened",
        NamedPipeEnd: "Client",
      };
    case "LdapSearch":
      return {
        AttributeList: ["cn", "memberOf"],
        SearchFilter: "(&(objectCategory=person)(objectClass=user))",
        DistinguishedName: "DC=corp,DC=contoso,DC=com",
      };
    case "UsbDriveMounted":
      return {
        DriveLetter: "E:",
        ProductName: "Cruzer Blade",
        Manufacturer: "SanDisk",
        Volume: `\\\\?\\Volume{${guid(ctx.rng)}}`,
      };
    case "HttpConnectionInspected":
      return {
        direction: "Out",
        host: ctx.remoteDomain,
        method: "GET",
        status_code: "200",
        uri: "/",
        user_agent: "Mozilla/5.0",
      };
    case "DnsConnectionInspected":
      return { direction: "Out", query: ctx.remoteDomain, qtype: 1, rcode: 0 };
    case "SslConnectionInspected":
      return { direction: "Out", server_name: ctx.remoteDomain, established: true, version: "TLSv13" };
    case "NetworkSignatureInspected":
      return { SignatureName: "SMB_Client", SignatureMatchedContent: "", SamplePacketContent: "" };
    case "LogonSuccess":
    case "LogonFailed":
    case "LogonAttempted":
      return { IsLocalLogon: ctx.rng.chance(0.6) };
    default:
      return ctx.rng.chance(0.6) ? null : {};
  }
}

/** Columns every table family shares, or whose meaning depends only on the column type. */
export const genericRules: RuleTable = {
  Timestamp: (ctx) => new At(ctx.time),
  ActionType: (ctx) => ctx.actionType,
  ReportId: (ctx, column) => {
    if (column.type === "long") {
      return TICK_REPORT_IDS.has(ctx.table.name) ? dotNetTicks(ctx.time) : ctx.rng.int(100, 999_999);
    }
    if (ctx.table.family === "Email")
      return `${currentEmail(ctx).networkMessageId}-${ctx.rng.digits(19)}-${ctx.rng.int(0, 2)}`;
    return guid(ctx.rng);
  },
  AdditionalFields: (ctx) => deviceAdditionalFields(ctx),
  EmailClusterId: (ctx) => ctx.rng.digits(11),
};
