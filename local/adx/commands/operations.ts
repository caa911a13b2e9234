import { formatTimespan } from "@/kql/policies/timespan";
import { kustoFromDuckText } from "../storage/time";
import type { CommandContext, CommandHandler } from "./context";
import { checkDatabaseName } from "./policy-result";
import { columns, table } from "./result";
import { commandProperties } from "./parsed-command";
import { databaseSchemaJson } from "./schema-json";
import { databaseSchemaScript } from "./schema-script";

/** Engine version reported by `.show version`. */
export const ENGINE_VERSION = "1.0.0-local";
const BUILD_TIME = "2026-01-01T00:00:00.0000000Z";

/** `.show commands-and-queries`: the columns Microsoft's parser declares for it (README). */
const COMMANDS_AND_QUERIES_COLUMNS = columns(
  "ClientActivityId:string",
  "CommandType:string",
  "Text:string",
  "Database:string",
  "StartedOn:datetime",
  "LastUpdatedOn:datetime",
  "Duration:timespan",
  "State:string",
  "FailureReason:string",
  "RootActivityId:guid",
  "User:string",
  "Application:string",
  "Principal:string",
  "ClientRequestProperties:dynamic",
  "TotalCpu:timespan",
  "MemoryPeak:long",
  "CacheStatistics:dynamic",
  "ScannedExtentsStatistics:dynamic",
  "ResultSetStatistics:dynamic",
  "WorkloadGroup:string",
  "VirtualCluster:string",
);

/** `.show journal`: the columns Microsoft's parser declares for it (README). */
const JOURNAL_COLUMNS = columns(
  "Event:string",
  "EventTimestamp:datetime",
  "Database:string",
  "EntityName:string",
  "UpdatedEntityName:string",
  "EntityVersion:string",
  "EntityContainerName:string",
  "OriginalEntityState:string",
  "UpdatedEntityState:string",
  "ChangeCommand:string",
  "Principal:string",
  "RootActivityId:guid",
  "ClientRequestId:string",
  "User:string",
  "OriginalEntityVersion:string",
);

function parseJsonOrNull(text: string): unknown {
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

async function showCommandsAndQueries(ctx: CommandContext) {
  // Admins see every request; everyone else only their own (as `.show commands` documents).
  const own = ctx.caller.role !== "admin";
  const rows = await ctx.storage.query(
    `SELECT client_activity_id, command_type, text, database, CAST(started_on AS VARCHAR) AS started_on,
            CAST(last_updated_on AS VARCHAR) AS last_updated_on, duration_ticks, state, failure_reason,
            CAST(root_activity_id AS VARCHAR) AS root_activity_id, user_name, application, principal,
            client_request_properties
       FROM meta.requests ${own ? "WHERE principal = ?" : ""} ORDER BY seq`,
    own ? [ctx.caller.principal] : [],
  );
  return table(
    COMMANDS_AND_QUERIES_COLUMNS,
    rows.map((r) => [
      r.client_activity_id,
      r.command_type,
      r.text,
      r.database,
      kustoFromDuckText(String(r.started_on)),
      kustoFromDuckText(String(r.last_updated_on)),
      formatTimespan(BigInt(r.duration_ticks as bigint)),
      r.state,
      r.failure_reason,
      r.root_activity_id,
      r.user_name,
      r.application,
      r.principal,
      parseJsonOrNull(String(r.client_request_properties)),
      formatTimespan(BigInt(r.duration_ticks as bigint)),
      0,
      null,
      null,
      null,
      "default",
      "",
    ]),
  );
}

async function showJournal(ctx: CommandContext) {
  const rows = await ctx.storage.query(
    `SELECT event, CAST(event_timestamp AS VARCHAR) AS ts, database, entity_name, updated_entity_name, entity_version,
            entity_container_name, original_entity_state, updated_entity_state, change_command, principal,
            CAST(root_activity_id AS VARCHAR) AS root_activity_id, client_request_id, user_name, original_entity_version
       FROM meta.journal ORDER BY seq`,
  );
  return table(
    JOURNAL_COLUMNS,
    rows.map((r) => [
      r.event,
      kustoFromDuckText(String(r.ts)),
      r.database,
      r.entity_name,
      r.updated_entity_name,
      r.entity_version,
      r.entity_container_name,
      r.original_entity_state,
      r.updated_entity_state,
      r.change_command,
      r.principal,
      r.root_activity_id,
      r.client_request_id,
      r.user_name,
      r.original_entity_version,
    ]),
  );
}

/** Operations and cluster-level `.show` commands by parser `CommandKind`. */
export const OPERATION_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ShowCommandsAndQueries: { commandType: "CommandsAndQueriesShow", access: "read", run: showCommandsAndQueries },
  ShowJournal: { commandType: "JournalShow", access: "read", run: showJournal },
  ShowVersion: {
    commandType: "VersionShow",
    access: "any",
    run: async () =>
      table(
        columns(
          "BuildVersion:string",
          "BuildTime:datetime",
          "ServiceType:string",
          "ProductVersion:string",
          "ServiceOffering:string",
        ),
        [
          [
            ENGINE_VERSION,
            BUILD_TIME,
            "Engine",
            `LocalAdx_${ENGINE_VERSION}`,
            JSON.stringify({ Type: "Local ADX engine" }),
          ],
        ],
      ),
  },
  ShowClusterDatabases: {
    commandType: "DatabasesShow",
    access: "read",
    run: async (ctx) => {
      const db = ctx.storage.catalog.database;
      return table(
        columns(
          "DatabaseName:string",
          "PersistentStorage:string",
          "Version:string",
          "IsCurrent:bool",
          "DatabaseAccessMode:string",
          "PrettyName:string",
          "ReservedSlot1:bool",
          "DatabaseId:guid",
          "InTransitionTo:string",
          "SuspensionState:string",
        ),
        [[db.name, ctx.storage.db.file, `v1.${db.version}`, true, "ReadWrite", "", false, db.databaseId, "", ""]],
      );
    },
  },
  ShowDatabaseSchemaAsJson: {
    commandType: "DatabaseSchemaShow",
    access: "read",
    run: async (ctx, cmd) => {
      checkDatabaseName(ctx, cmd);
      return table(columns("DatabaseSchema:string"), [[databaseSchemaJson(ctx.storage.catalog)]]);
    },
  },
  ShowDatabaseSchemaAsCslScript: {
    commandType: "DatabaseSchemaShow",
    access: "read",
    run: async (ctx, cmd) => {
      checkDatabaseName(ctx, cmd);
      // IncludeEncodingPolicies / IncludeSecuritySettings select kinds the engine never stores; ShowObfuscatedStrings
      // reveals nothing here. Only IncludeIngestionMappings changes the script.
      const mappings = commandProperties(cmd).get("includeingestionmappings")?.toLowerCase() !== "false";
      const rows = databaseSchemaScript(ctx.storage.catalog, { ingestionMappings: mappings }).map((c) => [c]);
      return table(columns("DatabaseSchemaScript:string"), rows);
    },
  },
};
