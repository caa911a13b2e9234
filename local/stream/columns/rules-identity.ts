import { At, type EventContext } from "../event-context";
import { ephemeralPort, publicIPv4 } from "../values/network";
import { ISPS, ORG } from "../values/people";
import { guid } from "../values/world";
import type { RuleTable } from "./types";

/** The domain controller identity events talk to. */
const DC = { name: `dc01.${ORG.dnsSuffix}`, ip: "10.0.0.10" };

function shortHost(name: string): string {
  return (name.split(".")[0] ?? name).toUpperCase();
}

function application(ctx: EventContext): string {
  return ctx.memo("identityApp", () =>
    ctx.table.name === "IdentityLogonEvents"
      ? ctx.rng.weighted([
          ["Active Directory", 70],
          ["Microsoft Entra ID", 30],
        ])
      : "Active Directory",
  );
}

function query(ctx: EventContext) {
  return ctx.memo("query", () => {
    switch (ctx.actionType) {
      case "DNS query":
        return {
          type: ctx.rng.pick(["A", "AAAA", "SRV"]),
          target: ctx.rng.pick(ctx.world.devices).name,
          text: "",
          protocol: "Dns",
        };
      case "SAMR query":
        return { type: "QueryUser", target: ctx.otherUser.displayName, text: "", protocol: "Samr" };
      default: {
        const type = ctx.rng.pick(["AllUsers", "AllGroups", "AllComputers", "QueryUser"]);
        const filter = type === "AllUsers" ? "(&(objectCategory=person)(objectClass=user))" : "(objectClass=group)";
        return {
          type,
          target: type === "QueryUser" ? ctx.otherUser.displayName : null,
          text: `Search Scope: WholeSubtree, Base Object:DC=corp,DC=contoso,DC=com, Search Filter: ${filter}`,
          protocol: "Ldap",
        };
      }
    }
  });
}

/** Columns of the Identity* tables and account/identity columns shared by mail and cloud tables. */
export const identityRules: RuleTable = {
  AccountDisplayName: (ctx) => ctx.processAccount.displayName,
  AccountId: (ctx) => ctx.user.objectId,
  TargetAccountUpn: (ctx) => ctx.otherUser.upn,
  TargetAccountDisplayName: (ctx) => ctx.otherUser.displayName,
  TargetDeviceName: (ctx) => shortHost(ctx.rng.pick(ctx.world.devices).name),
  DestinationDeviceName: () => shortHost(DC.name),
  DestinationIPAddress: () => DC.ip,
  DestinationPort: (ctx) => ctx.rng.pick([88, 389, 445, 53, 135]),
  Port: (ctx) => ephemeralPort(ctx.rng),
  IPAddress: (ctx) => (ctx.table.family === "Identity" ? ctx.device.localIp : publicIPv4(ctx.rng)),
  Location: (ctx) =>
    ctx.table.family === "Identity" && application(ctx) === "Active Directory" ? null : ctx.user.location.country,
  Isp: (ctx) => ctx.rng.pick(ISPS),
  ISP: (ctx) => ctx.rng.pick(ISPS),
  "IdentityLogonEvents.DeviceName": (ctx) => shortHost(ctx.device.name),
  "IdentityQueryEvents.DeviceName": (ctx) => shortHost(ctx.device.name),
  "IdentityDirectoryEvents.DeviceName": (ctx) => shortHost(ctx.device.name),
  "IdentityLogonEvents.Application": (ctx) => application(ctx),
  "IdentityQueryEvents.Application": (ctx) => application(ctx),
  "IdentityDirectoryEvents.Application": (ctx) =>
    ctx.rng.weighted([
      ["Active Directory", 80],
      ["Microsoft Entra ID", 20],
    ]),
  "IdentityLogonEvents.LogonType": (ctx) =>
    application(ctx) === "Active Directory"
      ? ctx.rng.pick(["Resource access", "Credentials validation", "Remote desktop"])
      : ctx.rng.pick(["OAuth2:Authorize", "Login:login", "Cmsi:Cmsi"]),
  "IdentityLogonEvents.Protocol": (ctx) =>
    application(ctx) === "Active Directory" ? ctx.rng.pick(["Kerberos", "Ntlm", "Ldap"]) : null,
  "IdentityLogonEvents.FailureReason": (ctx) =>
    ctx.actionType === "LogonFailed"
      ? ctx.rng.pick(["WrongPassword", "UnknownUser", "AccountDisabled", "TicketExpired"])
      : null,
  "IdentityLogonEvents.DeviceType": () => "Desktop",
  "IdentityLogonEvents.OSPlatform": (ctx) => (ctx.device.os === "windows" ? "Windows" : ctx.device.osPlatform),
  "IdentityQueryEvents.Protocol": (ctx) => query(ctx).protocol,
  "IdentityDirectoryEvents.Protocol": (ctx) => ctx.rng.pick(["Ldap", "Samr", "Drsr", null]),
  QueryType: (ctx) => query(ctx).type,
  QueryTarget: (ctx) => query(ctx).target,
  Query: (ctx) => query(ctx).text,
  "IdentityQueryEvents.IsAdminOperation": (ctx) => (ctx.rng.chance(0.5) ? "0" : false),
  "IdentityLogonEvents.AdditionalFields": (ctx) => ({
    Count: 1,
    "ACTOR.DEVICE": shortHost(ctx.device.name),
    Spns: `krbtgt/${ORG.netbios}`,
  }),
  "IdentityQueryEvents.AdditionalFields": (ctx) => ({
    Count: ctx.rng.int(1, 40),
    SourceComputerId: `m-${ctx.rng.hex(16)}`,
    TARGET_OBJECT: query(ctx).target ?? "",
  }),
  "IdentityDirectoryEvents.AdditionalFields": (ctx) => ({
    "TO.GROUP":
      ctx.actionType === "Group Membership changed"
        ? ctx.rng.pick(["Finance Team", "Domain Admins", "VPN Users"])
        : undefined,
    "ACTOR.ACCOUNT": ctx.user.name,
    "TARGET_OBJECT.USER": ctx.otherUser.displayName,
  }),
  UncommonForUser: (ctx) => (ctx.rng.chance(0.7) ? [] : [ctx.rng.pick(["ISP", "Country", "DeviceName", "UserAgent"])]),
  LastSeenForUser: (ctx) => ({ ISP: ctx.rng.int(0, 30), Country: ctx.rng.int(0, 90), DeviceName: ctx.rng.int(0, 10) }),
  // IdentityInfo snapshot columns.
  OnPremSid: (ctx) => ctx.user.sid,
  CloudSid: (ctx) => `S-1-12-1-${ctx.rng.digits(10)}-${ctx.rng.digits(10)}-${ctx.rng.digits(10)}-${ctx.rng.digits(9)}`,
  CriticalityLevel: (ctx) => (ctx.user.isAdmin ? 4 : ctx.rng.chance(0.7) ? null : ctx.rng.int(0, 3)),
  "IdentityInfo.Type": () => "User",
  DistinguishedName: (ctx) => `CN=${ctx.user.displayName},OU=${ctx.user.department},OU=Users,DC=corp,DC=contoso,DC=com`,
  GivenName: (ctx) => ctx.user.givenName,
  Surname: (ctx) => ctx.user.surname,
  Department: (ctx) => ctx.user.department,
  JobTitle: (ctx) => ctx.user.jobTitle,
  EmailAddress: (ctx) => ctx.user.upn,
  SipProxyAddress: (ctx) => `sip:${ctx.user.upn}`,
  Address: (ctx) => `${ctx.rng.int(1, 999)} Main Street`,
  "IdentityInfo.City": (ctx) => ctx.user.location.city,
  Country: (ctx) => ctx.user.location.countryName,
  State: (ctx) => ctx.user.location.state,
  IsAccountEnabled: (ctx) => ctx.rng.chance(0.97),
  Manager: (ctx) => ctx.otherUser.displayName,
  Phone: (ctx) => `+1 425 555 ${ctx.rng.digits(4)}`,
  CreatedDateTime: (ctx) => new At(ctx.before(30 * 86_400_000, 1500 * 86_400_000)),
  DeletedDateTime: () => null,
  ChangeSource: (ctx) =>
    ctx.rng.pick(["EntraRiskChanged", "ActiveDirectory", "AzureActiveDirectory", "PeriodicSnapshot"]),
  BlastRadius: (ctx) => (ctx.user.isAdmin ? "High" : ctx.rng.pick(["Low", "Medium"])),
  CompanyName: () => ORG.company,
  EmployeeId: (ctx) => ctx.user.employeeId,
  OtherMailAddresses: (ctx) => (ctx.rng.chance(0.8) ? [] : [`${ctx.user.name}@contoso.onmicrosoft.com`]),
  RiskLevel: (ctx) =>
    ctx.rng.weighted([
      ["None", 85],
      ["Low", 10],
      ["Medium", 4],
      ["High", 1],
    ]),
  RiskLevelDetails: () => "none",
  RiskStatus: () => "None",
  TenantMembershipType: () => "Member",
  Tags: (ctx) => (ctx.user.isAdmin ? ["Sensitive"] : []),
  AssignedRoles: (ctx) => (ctx.user.isAdmin ? ["Global Administrator"] : []),
  PrivilegedEntraPimRoles: (ctx) =>
    ctx.user.isAdmin ? [{ RoleName: "Security Administrator", Assignment: "Eligible" }] : [],
  OnPremObjectId: (ctx) => guid(ctx.rng),
  UserAccountControl: (ctx) => (ctx.rng.chance(0.8) ? ["NormalAccount"] : ["NormalAccount", "DontExpirePassword"]),
  IdentityEnvironment: () => "Hybrid",
  SourceProviders: () => ["ActiveDirectory", "AzureActiveDirectory"],
  GroupMembership: (ctx) => ["All Employees", `${ctx.user.department} Team`],
  IdentityId: (ctx) => guid(ctx.rng),
  SourceProvider: (ctx) => ctx.rng.pick(["AzureActiveDirectory", "ActiveDirectory"]),
};
