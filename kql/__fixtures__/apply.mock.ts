/**
 * A tiny, pure stand-in for ADX running the commands the console generates: it parses each command's text and
 * changes a `ClusterState` the way ADX would (create-merge only adds and fails on a type change, `.alter … policy
 * update` replaces the array and requires the table and function, …). Unknown command shapes throw, so a change in
 * the generators' output shows up in the tests instead of being silently ignored.
 */
import { ingestionBatchingPolicySchema, parseIngestionBatchingPolicyJson } from "@/kql/policies/batching";
import { validateRetentionPolicy } from "@/kql/policies/retention";
import { formatTimespan, parseTimespan } from "@/kql/policies/timespan";
import { parseUpdatePolicyJson } from "@/kql/policies/update";
import { normalizeColumnType, type ClusterState } from "@/kql/state";

const NAME = String.raw`([A-Za-z_][A-Za-z0-9_]*)`;
const DQ = String.raw`("(?:[^"\\]|\\.)*")`;

const FUNCTION = new RegExp(
  String.raw`^\.create-or-alter function with \(docstring = ${DQ}, folder = ${DQ}\) ${NAME}(\([^)]*\))\n(\{[\s\S]*\})$`,
);
const CREATE_MERGE = new RegExp(String.raw`^\.create-merge table ${NAME} \((.*)\)$`);
const UPDATE_POLICY = new RegExp(String.raw`^\.alter table ${NAME} policy update @'([\s\S]*)'$`);
const MAPPING = new RegExp(
  String.raw`^\.create-or-alter table ${NAME} ingestion json mapping ${DQ} '((?:[^'\\]|\\.)*)'$`,
);
const RETENTION = new RegExp(
  String.raw`^\.alter-merge table ${NAME} policy retention softdelete = (\S+)(?: recoverability = (enabled|disabled))?$`,
);
const BATCHING = new RegExp(String.raw`^\.alter table ${NAME} policy ingestionbatching @'([\s\S]*)'$`);
const BACKFILL = new RegExp(String.raw`^\.set-or-append ${NAME} <\| ${NAME}\(\)$`);

const unescape = (body: string): string =>
  body.replace(/\\(.)/g, (_m, ch: string) => ({ n: "\n", r: "\r", t: "\t" })[ch] ?? ch);

function requireTable(state: ClusterState, name: string) {
  const table = state.tables[name];
  if (!table) throw new Error(`Entity ID '${name}' of kind 'Table' was not found.`);
  return table;
}

function createMerge(state: ClusterState, name: string, columnList: string): void {
  const columns = columnList.split(", ").map((c) => {
    const [col, type] = c.split(": ");
    if (!col || !type) throw new Error(`Unreadable column ${c}`);
    return { name: col, type };
  });
  const table = state.tables[name];
  if (!table) {
    state.tables[name] = {
      name,
      folder: "",
      docString: "",
      columns,
      totalRowCount: 0,
      effectiveRetention: null,
      effectiveBatching: null,
    };
    return;
  }
  for (const column of columns) {
    const existing = table.columns.find((c) => c.name === column.name);
    if (!existing) table.columns.push(column);
    else if (normalizeColumnType(existing.type) !== column.type) {
      throw new Error(`.create-merge cannot change the type of column ${column.name}`);
    }
  }
}

/** Applies one command's text to the state (in place). */
export function applyCommand(state: ClusterState, text: string): void {
  let m: RegExpExecArray | null;
  if ((m = FUNCTION.exec(text))) {
    const [, doc, folder, name, parameters, body] = m as unknown as string[];
    state.functions[name!] = {
      name: name!,
      parameters: parameters!,
      body: body!,
      folder: JSON.parse(folder!) as string,
      docString: JSON.parse(doc!) as string,
    };
  } else if ((m = CREATE_MERGE.exec(text))) {
    createMerge(state, m[1]!, m[2]!);
  } else if ((m = UPDATE_POLICY.exec(text))) {
    requireTable(state, m[1]!);
    const entries = parseUpdatePolicyJson(m[2]!.replace(/''/g, "'"));
    for (const e of entries) {
      const fn = /^([A-Za-z_]\w*)\(\)$/.exec(e.Query)?.[1];
      if (fn && !state.functions[fn]) throw new Error(`Update policy query ${e.Query}: unknown function`);
    }
    state.updatePolicies[m[1]!] = entries;
  } else if ((m = MAPPING.exec(text))) {
    requireTable(state, m[1]!);
    const name = JSON.parse(m[2]!) as string;
    const mapping = { name, kind: "Json", mapping: unescape(m[3]!) };
    state.stagingMappings = [...state.stagingMappings.filter((x) => x.name !== name), mapping];
  } else if ((m = RETENTION.exec(text))) {
    const table = requireTable(state, m[1]!);
    const ticks = parseTimespan(m[2]!);
    if (ticks === null) throw new Error(`Bad timespan ${m[2]}`);
    const policy = validateRetentionPolicy({
      SoftDeletePeriod: formatTimespan(ticks),
      Recoverability: m[3] === "disabled" ? "Disabled" : "Enabled",
    });
    table.effectiveRetention = policy;
    state.staging = { ...state.staging, ownRetention: policy };
  } else if ((m = BATCHING.exec(text))) {
    const table = requireTable(state, m[1]!);
    const policy = ingestionBatchingPolicySchema.parse(parseIngestionBatchingPolicyJson(m[2]!.replace(/''/g, "'")));
    table.effectiveBatching = policy;
    state.staging = { ...state.staging, ownBatching: policy };
  } else if ((m = BACKFILL.exec(text))) {
    requireTable(state, m[1]!);
    if (!state.functions[m[2]!]) throw new Error(`Unknown function ${m[2]}`);
  } else {
    throw new Error(`The apply stand-in does not know this command:\n${text}`);
  }
}

/**
 * Runs an `.execute database script <|` text (as `planScript` renders it) against a copy of the state and returns
 * the new state. Commands are separated by blank lines, as in the script.
 */
export function applyScript(state: ClusterState, script: string): ClusterState {
  const next = structuredClone(state);
  if (script === "") return next;
  const header = ".execute database script <|\n";
  if (!script.startsWith(header)) throw new Error("Not an .execute database script");
  for (const text of script.slice(header.length).trimEnd().split("\n\n")) applyCommand(next, text);
  return next;
}
