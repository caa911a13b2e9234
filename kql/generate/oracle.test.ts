/**
 * Oracle: every generated command must parse and analyse with zero diagnostics in Microsoft's own parser, against
 * a schema holding Staging, the catalog tables and the Filter functions; and each Filter body must produce exactly
 * the target table's columns (names, types, order), which is what the update policy requires.
 */
import { describe, expect, it } from "vitest";

import { DEFAULT_STAGING_TABLE, defenderTables } from "@/kql/catalog";
import {
  buildGlobals,
  diagnosticsOf,
  lineAndColumn,
  parseAndAnalyze,
  resultColumns,
  type DatabaseSchema,
  type GlobalState,
} from "@/local/adx/kusto/language";

import { buildFilterFunctionBody, buildFilterFunctionDefinition } from "./function";
import { buildSetupScript } from "./script";

function schemaFor(stagingTable: string): DatabaseSchema {
  return {
    name: "Defender",
    tables: [
      { name: stagingTable, columns: [{ name: "Raw", type: "dynamic" }] },
      ...defenderTables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
    ],
    functions: defenderTables.map((t) => buildFilterFunctionDefinition(t, { stagingTable })),
  };
}

/** Diagnostics rendered with their position and the offending text, so a failure says what to fix. */
function problems(text: string, globals: GlobalState): string[] {
  return diagnosticsOf(parseAndAnalyze(text, globals)).map((d) => {
    const { line, column } = lineAndColumn(text, d.start);
    return `${d.code} ${d.severity} at ${line}:${column} (${JSON.stringify(text.slice(d.start, d.start + d.length))}): ${d.message}`;
  });
}

const globals = buildGlobals(schemaFor(DEFAULT_STAGING_TABLE));

describe("Filter<Table>() bodies", () => {
  for (const table of defenderTables) {
    it(`${table.name}: analyses cleanly and returns the table's columns in order`, () => {
      const body = buildFilterFunctionBody(table, { stagingTable: DEFAULT_STAGING_TABLE });
      const code = parseAndAnalyze(body, globals);
      expect(problems(body, globals)).toEqual([]);
      expect(resultColumns(code)).toEqual(table.columns.map((c) => ({ name: c.name, type: c.type })));
    });
  }
});

describe("setup script commands", () => {
  const commands = buildSetupScript({ backfill: true });

  it("covers Staging, its policies and every table", () => {
    const kinds = new Set(commands.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(
      [
        "backfill",
        "batching",
        "function",
        "retention",
        "staging-mapping",
        "staging-table",
        "table",
        "update-policy",
      ].sort(),
    );
    expect(commands).toHaveLength(4 + 4 * defenderTables.length);
  });

  for (const command of commands) {
    it(`${command.id} parses and analyses with zero diagnostics`, () => {
      expect(problems(command.text, globals)).toEqual([]);
    });
  }
});

describe("a Staging table name that needs quoting", () => {
  const stagingTable = "Defender Raw-1";
  const quotedGlobals = buildGlobals(schemaFor(stagingTable));
  const table = defenderTables.find((t) => t.name === "CloudAppEvents");
  const commands = buildSetupScript({ tables: ["CloudAppEvents"], stagingTable, mappingName: "Raw mapping.v2" });

  it("is bracketed everywhere and still analyses cleanly", () => {
    expect(commands.map((c) => c.text).join("\n")).toContain("['Defender Raw-1']");
    for (const command of commands) expect(problems(command.text, quotedGlobals)).toEqual([]);
    const body = table ? buildFilterFunctionBody(table, { stagingTable }) : "";
    expect(problems(body, quotedGlobals)).toEqual([]);
  });
});
