import { buildGlobals, type GlobalState } from "../kusto/language";
import type { Storage, StorageTx } from "../storage/storage";
import type { ParsedCommand } from "./parsed-command";
import type { ResultTable } from "./result";

/** Database roles the engine knows (adx-reference.md §1.11). */
export type Role = "admin" | "user" | "ingestor" | "viewer";

/** Who sent the request, and its identifiers. */
export interface Caller {
  /** `aaduser=<oid>;<tid>` or `aadapp=<appid>;<tid>` (or `local=anonymous` with auth off). */
  readonly principal: string;
  readonly role: Role;
  /** The token's `preferred_username` or `name` (the client-set `x-ms-user` header is not trusted). */
  readonly user: string;
  /** Name from the token (`preferred_username`, `name`), else the FQN. */
  readonly displayName: string;
  /** `x-ms-app` header. */
  readonly application: string;
  readonly clientRequestId: string;
  readonly activityId: string;
}

/** What a command handler may use. */
export interface CommandContext {
  readonly storage: Storage;
  readonly database: string;
  readonly caller: Caller;
  /** Configured principal FQN → role (`.show database D principals`). */
  readonly principals: Readonly<Record<string, Role>>;
  /** Analyzer globals for the current catalog (rebuilt after metadata changes). */
  globals(): GlobalState;
  /** Runs a nested command (one line of `.execute database script`) with the full pipeline, permissions included. */
  runNested(text: string): Promise<{ readonly commandType: string; readonly result: ResultTable }>;
}

/** Minimum role a command needs: any role, read = viewer+, write = user+, admin, ingest = ingestor/user/admin. */
export type Access = "any" | "read" | "write" | "admin" | "ingest";

/** One supported command kind. */
export interface CommandHandler {
  /** ADX's operation name, used in logs and 403 messages (`TableCreate`, `FunctionCreateOrAlter`, …). */
  readonly commandType: string;
  readonly access: Access;
  run(ctx: CommandContext, cmd: ParsedCommand): Promise<ResultTable>;
}

const ALLOWED: Readonly<Record<Access, readonly Role[]>> = {
  any: ["admin", "user", "viewer", "ingestor"],
  read: ["admin", "user", "viewer"],
  write: ["admin", "user"],
  admin: ["admin"],
  ingest: ["admin", "user", "ingestor"],
};

/** Whether a role may run a command with the given access level. */
export function mayRun(role: Role, access: Access): boolean {
  return ALLOWED[access].includes(role);
}

const globalsCache = new WeakMap<Storage, { version: number; globals: GlobalState }>();

/** Analyzer globals for a storage's current catalog, cached until the next metadata change. */
export function globalsFor(storage: Storage): GlobalState {
  const hit = globalsCache.get(storage.root);
  if (hit && hit.version === storage.version) return hit.globals;
  const catalog = storage.catalog;
  const globals = buildGlobals({
    name: catalog.database.name,
    tables: [...catalog.tables.values()].map((t) => ({ name: t.name, columns: t.columns })),
    functions: [...catalog.functions.values()].map((f) => ({ name: f.name, parameters: f.parameters, body: f.body })),
  });
  globalsCache.set(storage.root, { version: storage.version, globals });
  return globals;
}

/** Writes a `.show journal` row for a change made by `cmd`. */
export async function journal(
  tx: StorageTx,
  ctx: CommandContext,
  cmd: ParsedCommand,
  change: {
    event: string;
    entity: string;
    updatedEntity?: string;
    container?: string;
    before?: string;
    after?: string;
  },
): Promise<void> {
  await tx.journal(ctx.database, {
    event: change.event,
    entityName: change.entity,
    updatedEntityName: change.updatedEntity ?? change.entity,
    entityContainerName: change.container ?? ctx.database,
    originalEntityState: change.before ?? "",
    updatedEntityState: change.after ?? "",
    changeCommand: cmd.text,
    principal: ctx.caller.principal,
    rootActivityId: ctx.caller.activityId,
    clientRequestId: ctx.caller.clientRequestId,
    user: ctx.caller.user,
  });
}
