import { describe, expect, it } from "vitest";
import { readSchemaScript } from "./schema-script";

const POLICY = '[{"IsEnabled":true,"Source":"Staging","Query":"FilterA()","IsTransactional":true}]';
const MAPPING = '[{"column":"Raw","Properties":{"Path":"$"}}]';

describe("readSchemaScript", () => {
  it("reads the local engine's form: one command per row, verbatim literals", () => {
    const facts = readSchemaScript([
      ".create-merge table Staging (Raw:dynamic)",
      '.create-merge table A (Timestamp:datetime) with (folder = "Defender")',
      `.create-or-alter table Staging ingestion json mapping "StagingMapping" @'${MAPPING}'`,
      `.create-or-alter function with (folder = "", docstring = "", skipvalidation = "true") FilterA() { Staging | take 1 }`,
      `.alter table Staging policy retention @'{"SoftDeletePeriod":"00:00:00","Recoverability":"Disabled"}'`,
      `.alter table A policy update @'${POLICY}'`,
    ]);
    expect(facts.updatePolicies).toEqual([
      { PolicyName: "UpdatePolicy", EntityName: "A", Policy: POLICY, ChildEntities: "", EntityType: "Table" },
    ]);
    expect(facts.mappings).toEqual([{ Name: "StagingMapping", Kind: "json", Mapping: MAPPING, Table: "Staging" }]);
  });

  it("reads other spellings: escaped double quotes, .alter-merge, quoted and qualified names, .create mapping", () => {
    const escaped = JSON.stringify(POLICY);
    const facts = readSchemaScript([
      `.alter-merge table ['Defender'].['My Table'] policy update ${escaped}`,
      `.create table ['Raw Events'] ingestion Json mapping 'M1' '${MAPPING}'`,
      `.ALTER TABLE B POLICY UPDATE h'${POLICY}'`,
    ]);
    expect(facts.updatePolicies.map((p) => [p.EntityName, p.Policy])).toEqual([
      ["My Table", POLICY],
      ["B", POLICY],
    ]);
    expect(facts.mappings).toEqual([{ Name: "M1", Kind: "json", Mapping: MAPPING, Table: "Raw Events" }]);
  });

  it("reads several commands in one row, with multi-line function bodies between them", () => {
    const facts = readSchemaScript([
      [
        ".create-or-alter function F() {",
        "  Staging",
        "  | where tostring(Raw.x) == '.alter table X policy update @\\'[]\\''",
        "  | extend y = Raw.records",
        "}",
        "",
        `.alter table A policy update @'${POLICY}'`,
        `.create-or-alter table Staging ingestion json mapping "M" @'${MAPPING}'`,
      ].join("\n"),
    ]);
    expect(facts.updatePolicies.map((p) => p.EntityName)).toEqual(["A"]);
    expect(facts.mappings.map((m) => m.Name)).toEqual(["M"]);
  });

  it("ignores other policies, other commands and incomplete ones", () => {
    const facts = readSchemaScript([
      `.alter table A policy retention @'{}'`,
      `.alter database D policy ingestionbatching @'{}'`,
      ".alter table A policy update",
      ".create table A ingestion json mapping 'M'",
      ".show tables",
      "",
    ]);
    expect(facts).toEqual({ updatePolicies: [], mappings: [] });
  });
});
