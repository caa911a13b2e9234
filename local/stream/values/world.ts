import type { Rng } from "../rng";
import { BINARIES, type BinarySpec } from "./binaries";
import { GIVEN_NAMES, LOCATIONS, ORG, SURNAMES, DEPARTMENTS, JOB_TITLES } from "./people";
import { linkLocalIPv6, macAddress, privateIPv4, publicIPv4 } from "./network";

/** An account as Defender's Account* / InitiatingProcessAccount* columns describe it. */
export interface Account {
  readonly name: string;
  readonly domain: string;
  readonly sid: string;
  readonly upn: string | null;
  readonly objectId: string | null;
  readonly displayName: string;
}

export interface User extends Account {
  readonly upn: string;
  readonly objectId: string;
  readonly givenName: string;
  readonly surname: string;
  readonly department: string;
  readonly jobTitle: string;
  readonly location: (typeof LOCATIONS)[number];
  readonly isAdmin: boolean;
  readonly employeeId: string;
}

export interface Device {
  /** Defender device id: 40 lowercase hex characters (SHA-1 sized), not a GUID. */
  readonly id: string;
  /** Lowercase FQDN, as DeviceName is reported. */
  readonly name: string;
  readonly os: "windows" | "unix";
  readonly osPlatform: string;
  readonly osBuild: number;
  readonly osVersion: string;
  readonly osDistribution: string;
  readonly deviceType: string;
  readonly localIp: string;
  readonly localIpv6: string;
  readonly publicIp: string;
  readonly mac: string;
  readonly machineGroup: string | null;
  readonly aadDeviceId: string | null;
  readonly primaryUser: User;
  readonly vendor: string;
  readonly model: string;
}

/** A binary with the hashes it has across this simulated fleet (same file, same hash, every event). */
export interface Binary extends BinarySpec {
  readonly sha1: string;
  readonly sha256: string;
  readonly md5: string;
  readonly size: number;
}

export interface World {
  readonly users: readonly User[];
  readonly devices: readonly Device[];
  readonly binaries: readonly Binary[];
  readonly domainSid: string;
  readonly systemAccounts: readonly Account[];
}

export function guid(rng: Rng): string {
  const h = rng.hex(32);
  const variant = "89ab"[rng.int(0, 3)] ?? "8";
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const OS_PROFILES = [
  {
    os: "windows",
    platform: "Windows11",
    build: 22631,
    version: "23H2",
    distribution: "",
    type: "Workstation",
    weight: 50,
  },
  {
    os: "windows",
    platform: "Windows10",
    build: 19045,
    version: "22H2",
    distribution: "",
    type: "Workstation",
    weight: 20,
  },
  {
    os: "windows",
    platform: "WindowsServer2022",
    build: 20348,
    version: "21H2",
    distribution: "",
    type: "Server",
    weight: 12,
  },
  { os: "unix", platform: "Linux", build: 0, version: "22.04", distribution: "Ubuntu", type: "Server", weight: 10 },
  { os: "unix", platform: "macOS", build: 0, version: "14.6", distribution: "", type: "Workstation", weight: 8 },
] as const;

const MACHINE_GROUPS = [null, null, "UnassignedGroup", "Workstations", "Servers - Tier 1", "Finance Laptops"] as const;
const HARDWARE = [
  ["Dell Inc.", "Latitude 7440"],
  ["LENOVO", "ThinkPad T14 Gen 4"],
  ["HP", "EliteBook 840 G10"],
  ["Microsoft Corporation", "Virtual Machine"],
  ["Apple Inc.", "MacBookPro18,3"],
] as const;

function buildUser(rng: Rng, index: number, domainSid: string): User {
  const givenName = GIVEN_NAMES[index % GIVEN_NAMES.length] ?? "Alex";
  const surname = SURNAMES[(index * 7) % SURNAMES.length] ?? "Doe";
  const alias = `${givenName}.${surname}`.toLowerCase().replace(/[^a-z.]/g, "");
  return {
    name: alias,
    domain: ORG.netbios.toLowerCase(),
    sid: `${domainSid}-${1100 + index}`,
    upn: `${alias}@${ORG.mailDomain}`,
    objectId: guid(rng),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    department: rng.pick(DEPARTMENTS),
    jobTitle: rng.pick(JOB_TITLES),
    location: rng.pick(LOCATIONS),
    isAdmin: index < 3,
    employeeId: rng.digits(6),
  };
}

function buildDevice(rng: Rng, index: number, users: readonly User[]): Device {
  const profile = rng.weighted(OS_PROFILES.map((p) => [p, p.weight] as const));
  const prefix = profile.type === "Server" ? "srv" : profile.platform === "macOS" ? "mac" : "desktop";
  const short = `${prefix}-${rng.hex(6)}`;
  const hw = profile.platform === "macOS" ? HARDWARE[4] : rng.pick(HARDWARE.slice(0, 4));
  return {
    id: rng.hex(40),
    name: profile.platform === "macOS" ? short : `${short}.${ORG.dnsSuffix}`,
    os: profile.os,
    osPlatform: profile.platform,
    osBuild: profile.build,
    osVersion: profile.version,
    osDistribution: profile.distribution,
    deviceType: profile.type,
    localIp: index % 5 === 0 ? `192.168.${rng.int(0, 3)}.${rng.int(2, 254)}` : privateIPv4(rng),
    localIpv6: linkLocalIPv6(rng),
    publicIp: publicIPv4(rng),
    mac: macAddress(rng),
    machineGroup: rng.pick(MACHINE_GROUPS),
    aadDeviceId: profile.os === "windows" ? guid(rng) : null,
    primaryUser: users[index % users.length] as User,
    vendor: hw?.[0] ?? "Dell Inc.",
    model: hw?.[1] ?? "Latitude 7440",
  };
}

/** Builds the fixed fleet (users, devices, binaries) every event draws from. */
export function buildWorld(rng: Rng, sizes: { users?: number; devices?: number } = {}): World {
  const domainSid = `S-1-5-21-${rng.digits(10)}-${rng.digits(10)}-${rng.digits(9)}`;
  const users = Array.from({ length: sizes.users ?? 24 }, (_, i) => buildUser(rng, i, domainSid));
  const devices = Array.from({ length: sizes.devices ?? 20 }, (_, i) => buildDevice(rng, i, users));
  const binaries = BINARIES.map((spec) => ({
    ...spec,
    sha1: rng.hex(40),
    sha256: rng.hex(64),
    md5: rng.hex(32),
    size: rng.int(40_000, 4_000_000),
  }));
  const systemAccounts: Account[] = [
    { name: "system", domain: "nt authority", sid: "S-1-5-18", upn: null, objectId: null, displayName: "SYSTEM" },
    {
      name: "local service",
      domain: "nt authority",
      sid: "S-1-5-19",
      upn: null,
      objectId: null,
      displayName: "LOCAL SERVICE",
    },
    {
      name: "network service",
      domain: "nt authority",
      sid: "S-1-5-20",
      upn: null,
      objectId: null,
      displayName: "NETWORK SERVICE",
    },
  ];
  return { users, devices, binaries, domainSid, systemAccounts };
}
