import type { CatalogTable } from "@/kql/catalog";
import type { Rng } from "./rng";
import type { RecentPool } from "./recent-pool";
import { addMs, type Instant } from "./time-format";
import type { Account, Binary, Device, User, World } from "./values/world";
import { USER_FOLDERS, UNIX_FOLDERS, pickDocument } from "./values/documents";
import { LIBRARIES } from "./values/libraries";
import { ORG } from "./values/people";
import { domainOf, urlFor } from "./values/network";

/** A running process as the Process* / InitiatingProcess* column families describe it. */
export interface ProcessInstance {
  readonly binary: Binary;
  readonly fileName: string;
  readonly folderPath: string;
  readonly pid: number;
  readonly commandLine: string;
  readonly creationTime: Instant;
  readonly account: Account;
  readonly integrityLevel: string;
  readonly tokenElevation: string;
  readonly logonId: number;
  readonly sessionId: number;
  readonly uniqueId: string;
}

/** The file an event acts on (FileName, FolderPath, SHA1, ...). */
export interface FileInstance {
  readonly fileName: string;
  readonly folderPath: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly md5: string;
  readonly size: number;
}

/** Wraps a datetime so the record builder knows to format it (and with which precision). */
export class At {
  constructor(readonly instant: Instant) {}
}

/**
 * Per-event state: entities are created on first use and reused, so columns of one record agree
 * (DeviceName matches DeviceId, InitiatingProcessFolderPath ends with InitiatingProcessFileName, ...).
 */
export class EventContext {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly rng: Rng,
    readonly world: World,
    readonly table: CatalogTable,
    readonly time: Instant,
    readonly actionType: string | null,
    readonly recent: RecentPool,
  ) {}

  /** Memoizes any derived value for the lifetime of this event. */
  memo<T>(key: string, make: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = make();
    this.cache.set(key, value);
    return value;
  }

  /** An instant before the event; keeps the event's precision (sub-ms ticks only where the source has them). */
  before(minMs: number, maxMs: number): Instant {
    const t = addMs(this.time, -this.rng.int(minMs, maxMs));
    return { ms: t.ms, ticks: this.time.ticks === 0 ? 0 : this.rng.int(0, 9999) };
  }

  get device(): Device {
    return this.memo("device", () => this.rng.pick(this.world.devices));
  }

  get user(): User {
    return this.memo("user", () => (this.rng.chance(0.7) ? this.device.primaryUser : this.rng.pick(this.world.users)));
  }

  /** A second, different user (targets of directory changes, recipients, ...). */
  get otherUser(): User {
    return this.memo("otherUser", () => {
      const others = this.world.users.filter((u) => u !== this.user);
      return this.rng.pick(others.length > 0 ? others : this.world.users);
    });
  }

  /** The account running the event's process: a person most of the time, a service account otherwise. */
  get processAccount(): Account {
    // Outside Device tables the acting account is always a person (identity, mail and cloud activity).
    return this.memo("processAccount", () =>
      this.table.family === "Device" && this.rng.chance(0.35) ? this.rng.pick(this.world.systemAccounts) : this.user,
    );
  }

  private binaryFor(os: "windows" | "unix"): Binary {
    const candidates = this.world.binaries.filter((b) => b.os === os);
    return this.rng.weighted(candidates.map((b) => [b, b.weight] as const));
  }

  private makeProcess(account: Account, createdBeforeMs: [number, number]): ProcessInstance {
    const binary = this.binaryFor(this.device.os);
    const folder = binary.folder.replace("{user}", account.name);
    const sep = this.device.os === "windows" ? "\\" : "/";
    const args = this.rng
      .pick(binary.args)
      .replace("{user}", account.name)
      .replace("{file}", pickDocument(this.rng))
      .replace("{url}", urlFor(this.rng, domainOf(this.rng)))
      .replace("{host}", this.rng.pick(this.world.devices).name.split(".")[0] ?? "fileserver");
    const exe = this.rng.chance(0.4) ? `"${binary.fileName}"` : binary.fileName;
    const system = account.sid === "S-1-5-18";
    return {
      binary,
      fileName: binary.fileName,
      folderPath: `${folder}${sep}${binary.fileName}`,
      pid: this.rng.int(300, 40000),
      commandLine: args ? `${exe} ${args}` : exe,
      creationTime: this.before(createdBeforeMs[0], createdBeforeMs[1]),
      account,
      integrityLevel: system ? "System" : this.rng.pick(["Medium", "Medium", "High", "Low"]),
      tokenElevation: system
        ? "TokenElevationTypeDefault"
        : this.rng.pick(["TokenElevationTypeLimited", "TokenElevationTypeDefault", "TokenElevationTypeFull", "None"]),
      logonId: system ? 999 : this.rng.int(100000, 90000000),
      sessionId: system ? 0 : this.rng.int(1, 3),
      uniqueId: this.rng.digits(16),
    };
  }

  get initiatingProcess(): ProcessInstance {
    return this.memo("initiatingProcess", () => this.makeProcess(this.processAccount, [2_000, 3_600_000]));
  }

  get parentProcess(): ProcessInstance {
    return this.memo("parentProcess", () => this.makeProcess(this.processAccount, [3_600_000, 86_400_000]));
  }

  /** The created/affected process (DeviceProcessEvents, DeviceEvents). */
  get process(): ProcessInstance {
    return this.memo("process", () => this.makeProcess(this.processAccount, [0, 1_000]));
  }

  get file(): FileInstance {
    return this.memo("file", () => {
      const table = this.table.name;
      if (table === "DeviceProcessEvents") return fileOfProcess(this.process);
      if (table === "DeviceImageLoadEvents") {
        const lib = this.rng.pick(LIBRARIES);
        return {
          ...randomHashes(this.rng),
          fileName: lib.fileName,
          folderPath: `${lib.folder}\\${lib.fileName}`,
          size: this.rng.int(60_000, 9_000_000),
        };
      }
      const fileName = pickDocument(this.rng);
      const folder =
        this.device.os === "windows"
          ? `C:\\Users\\${this.user.name}\\${this.rng.pick(USER_FOLDERS)}`
          : this.rng.pick(UNIX_FOLDERS).replace("{user}", this.user.name);
      const sep = this.device.os === "windows" ? "\\" : "/";
      return {
        ...randomHashes(this.rng),
        fileName,
        folderPath: `${folder}${sep}${fileName}`,
        size: this.rng.int(200, 25_000_000),
      };
    });
  }

  get remoteDomain(): string {
    return this.memo("remoteDomain", () => domainOf(this.rng));
  }

  get orgDomain(): string {
    return ORG.mailDomain;
  }
}

function randomHashes(rng: Rng): { sha1: string; sha256: string; md5: string } {
  return { sha1: rng.hex(40), sha256: rng.hex(64), md5: rng.hex(32) };
}

function fileOfProcess(p: ProcessInstance): FileInstance {
  return {
    fileName: p.fileName,
    folderPath: p.folderPath,
    sha1: p.binary.sha1,
    sha256: p.binary.sha256,
    md5: p.binary.md5,
    size: p.binary.size,
  };
}
