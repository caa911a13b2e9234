import { At, type EventContext } from "../event-context";
import { linkLocalIPv6 } from "../values/network";
import { ORG } from "../values/people";
import { guid } from "../values/world";
import type { RuleTable } from "./types";

const win = (ctx: EventContext) => ctx.device.os === "windows";

function adapter(ctx: EventContext) {
  return ctx.memo("adapter", () =>
    ctx.rng.weighted([
      [{ name: "Ethernet", type: "Ethernet", vendor: "Intel Corporation" }, 50],
      [{ name: "Wi-Fi", type: "Wireless80211", vendor: "Intel Corporation" }, 35],
      [{ name: "vEthernet (WSL)", type: "Ethernet", vendor: "Microsoft" }, 10],
      [
        {
          name: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter",
          type: "Ppp",
          vendor: "Cisco Systems",
        },
        5,
      ],
    ]),
  );
}

function signer(ctx: EventContext) {
  return ctx.memo("signer", () =>
    ctx.rng.weighted([
      [{ signer: "Microsoft Windows", issuer: "Microsoft Windows Production PCA 2011", microsoft: true }, 60],
      [
        { signer: "Google LLC", issuer: "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1", microsoft: false },
        20,
      ],
      [{ signer: "Contoso Ltd", issuer: "Sectigo Public Code Signing CA R36", microsoft: false }, 15],
      [{ signer: "Unknown Publisher", issuer: "Unknown Publisher", microsoft: false }, 5],
    ]),
  );
}

/** Columns of the snapshot tables DeviceInfo, DeviceNetworkInfo and DeviceFileCertificateInfo. */
export const deviceInfoRules: RuleTable = {
  ClientVersion: (ctx) => (win(ctx) ? `10.8760.${ctx.device.osBuild}.${ctx.rng.int(1000, 1200)}` : "101.24062.0001"),
  PublicIP: (ctx) => ctx.device.publicIp,
  OSArchitecture: (ctx) => (ctx.device.osPlatform === "macOS" ? "arm64" : "64-bit"),
  "DeviceInfo.OSPlatform": (ctx) => ctx.device.osPlatform,
  OSBuild: (ctx) => (ctx.device.osBuild > 0 ? ctx.device.osBuild : null),
  IsAzureADJoined: (ctx) => ctx.device.aadDeviceId !== null,
  JoinType: (ctx) => (ctx.device.aadDeviceId ? ctx.rng.pick(["Hybrid Azure AD Join", "AAD Joined"]) : null),
  AadDeviceId: (ctx) => ctx.device.aadDeviceId,
  DeviceObjectId: (ctx) => ctx.device.aadDeviceId,
  LoggedOnUsers: (ctx) =>
    win(ctx)
      ? [{ UserName: ctx.device.primaryUser.name, DomainName: ORG.netbios, Sid: ctx.device.primaryUser.sid }]
      : [],
  RegistryDeviceTag: () => null,
  OSVersion: (ctx) => ctx.device.osVersion,
  OnboardingStatus: () => "Onboarded",
  "DeviceInfo.AdditionalFields": (ctx) => ({ AzureResourceId: null, Reported: ctx.rng.chance(0.5) }),
  DeviceCategory: () => "Endpoint",
  "DeviceInfo.DeviceType": (ctx) => ctx.device.deviceType,
  DeviceSubtype: () => null,
  Model: (ctx) => ctx.device.model,
  Vendor: (ctx) => ctx.device.vendor,
  OSDistribution: (ctx) => ctx.device.osDistribution || null,
  OSVersionInfo: (ctx) => (ctx.device.osDistribution ? "Jammy Jellyfish" : null),
  MergedDeviceIds: () => null,
  MergedToDeviceId: () => null,
  IsInternetFacing: (ctx) => ctx.device.deviceType === "Server" && ctx.rng.chance(0.2),
  SensorHealthState: (ctx) =>
    ctx.rng.weighted([
      ["Active", 95],
      ["Inactive", 3],
      ["ImpairedCommunication", 2],
    ]),
  IsExcluded: () => false,
  ExclusionReason: () => null,
  ExposureLevel: (ctx) =>
    ctx.rng.weighted([
      ["Low", 50],
      ["Medium", 40],
      ["High", 10],
    ]),
  AssetValue: (ctx) => (ctx.device.deviceType === "Server" ? "High" : "Normal"),
  DeviceManualTags: (ctx) => (ctx.rng.chance(0.8) ? null : JSON.stringify(["VIP"])),
  DeviceDynamicTags: () => null,
  ConnectivityType: (ctx) => ctx.rng.pick(["Streamlined", "Standard"]),
  HostDeviceId: () => null,
  AzureResourceId: () => null,
  AwsResourceName: () => null,
  GcpFullResourceName: () => null,
  HardwareUuid: (ctx) => ctx.memo("hwuuid", () => guid(ctx.rng)),
  CloudPlatforms: () => null,
  AzureVmId: () => null,
  AzureVmSubscriptionId: () => null,
  IsTransient: () => false,
  OsBuildRevision: (ctx) => (win(ctx) ? String(ctx.rng.int(1000, 4500)) : null),
  MitigationStatus: () => null,
  Site: () => null,
  DiscoverySources: () => null,
  DeviceRoles: (ctx) => (ctx.device.deviceType === "Server" ? [{ Role: "FileServer", Source: "Detected" }] : []),
  DlpInfo: () => null,
  // DeviceNetworkInfo
  NetworkAdapterName: (ctx) => adapter(ctx).name,
  MacAddress: (ctx) => ctx.device.mac,
  NetworkAdapterType: (ctx) => adapter(ctx).type,
  NetworkAdapterStatus: (ctx) =>
    ctx.rng.weighted([
      ["Up", 85],
      ["Down", 15],
    ]),
  NetworkAdapterVendor: (ctx) => adapter(ctx).vendor,
  NetworkAdapterDnsSuffix: () => ORG.dnsSuffix,
  TunnelType: (ctx) => (adapter(ctx).type === "Ppp" ? "Other" : "None"),
  ConnectedNetworks: (ctx) =>
    [{ Name: `${ORG.dnsSuffix}`, Description: "corp", IsConnectedToInternet: true, Category: "Domain" }].slice(
      0,
      ctx.rng.chance(0.9) ? 1 : 0,
    ),
  DnsAddresses: () => ["10.0.0.10", "10.0.0.11"],
  IPv4Dhcp: () => "10.0.0.5",
  IPv6Dhcp: () => null,
  DefaultGateways: (ctx) => [ctx.device.localIp.replace(/\.\d+$/, ".1")],
  IPAddresses: (ctx) => [
    { IPAddress: ctx.device.localIp, SubnetPrefix: 24, AddressType: "Private" },
    { IPAddress: ctx.device.localIpv6 || linkLocalIPv6(ctx.rng), SubnetPrefix: 64, AddressType: "LinkLocal" },
  ],
  // DeviceFileCertificateInfo
  IsSigned: (ctx) => signer(ctx).signer !== "Unknown Publisher",
  SignatureType: (ctx) => ctx.rng.pick(["Embedded", "Catalog"]),
  Signer: (ctx) => signer(ctx).signer,
  SignerHash: (ctx) => ctx.rng.hex(40),
  Issuer: (ctx) => signer(ctx).issuer,
  IssuerHash: (ctx) => ctx.rng.hex(40),
  CertificateSerialNumber: (ctx) => ctx.rng.hex(38),
  CrlDistributionPointUrls: (ctx) =>
    signer(ctx).microsoft ? ["http://www.microsoft.com/pkiops/crl/MicWinProPCA2011_2011-10-19.crl"] : [],
  CertificateCreationTime: (ctx) => new At(ctx.before(30 * 86_400_000, 700 * 86_400_000)),
  CertificateExpirationTime: (ctx) => new At({ ms: ctx.time.ms + ctx.rng.int(30, 700) * 86_400_000, ticks: 0 }),
  CertificateCountersignatureTime: (ctx) => new At(ctx.before(86_400_000, 400 * 86_400_000)),
  IsTrusted: (ctx) => signer(ctx).signer !== "Unknown Publisher",
  IsRootSignerMicrosoft: (ctx) => signer(ctx).microsoft,
};
