import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, type Harness } from "./__fixtures__/harness";
import { FILTER_DEVICE_ALERT_EVENTS, STAGING } from "./__fixtures__/seed";

const EVENTS = {
  name: "Events",
  columns: [
    { name: "Id", type: "long" },
    { name: "Name", type: "string" },
    { name: "Ts", type: "datetime" },
    { name: "Score", type: "real" },
    { name: "group", type: "string" },
    { name: "Bag", type: "dynamic" },
  ],
  rows: [
    [1, "Alpha", "2024-06-01T10:05:00Z", 1.5, "x", { a: 1, tags: ["t1", "t2"] }],
    [2, "beta", "2024-06-01T10:35:00.1234567Z", 2.5, "y", { a: 2, tags: [] }],
    [3, "Gamma ray", "2024-06-01T11:10:00Z", null, "", null],
    [4, "", "2024-06-01T11:50:00Z", 4, "z", { a: "3", tags: ["t3"] }],
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness(
    [STAGING, EVENTS],
    [
      FILTER_DEVICE_ALERT_EVENTS,
      {
        name: "Above",
        parameters: "(n:long, label:string='hi')",
        body: "{ Events | where Id > n | extend L = label }",
      },
    ],
  );
});
afterAll(() => h.close());

describe("pipeline shape", () => {
  it("emits one CTE per operator with quoted identifiers and bound string values", async () => {
    const r = await h.run('Events | where Name == "beta" | project Id, group');
    expect(r.compiled.sql).toContain(
      '"_q1" AS (SELECT "Id", "Name", "Ts", "Score", "group", "Bag", "$ingestion_time" FROM "t"."Events")',
    );
    expect(r.compiled.sql).toContain('WHERE ("Name" = CAST($1 AS VARCHAR))');
    expect(r.compiled.sql).toMatch(/SELECT "Id", "group" FROM "_q3"$/);
    expect(r.compiled.params).toEqual(["beta"]);
    expect(r.rows).toEqual([[2, "y"]]);
  });

  it("never exposes system columns through the final select", async () => {
    const r = await h.run("Events | take 1");
    expect(r.columns.map((c) => c.name)).toEqual(["Id", "Name", "Ts", "Score", "group", "Bag"]);
  });
});

describe("project family", () => {
  it("project with names and automatic names", async () => {
    const r = await h.run("Events | where Id == 1 | project Id, N = strcat(Name, '!'), Bag.a, tostring(Bag.tags[1])");
    expect(r.columns).toEqual([
      { name: "Id", type: "long" },
      { name: "N", type: "string" },
      { name: "Bag_a", type: "dynamic" },
      { name: "Bag_tags_1", type: "string" },
    ]);
    expect(r.rows).toEqual([[1, "Alpha!", 1, "t2"]]);
  });

  it("extend replaces in place, appends new columns, and sees earlier extends", async () => {
    const r = await h.run("Events | where Id == 2 | extend Id = Id * 10, D = Id + 1 | project-away Bag, Ts, Score");
    expect(r.columns.map((c) => c.name)).toEqual(["Id", "Name", "group", "D"]);
    expect(r.rows).toEqual([[20, "beta", "y", 21]]);
  });

  it("project-rename and project-reorder", async () => {
    const r = await h.run("Events | where Id == 1 | project Id, Name | project-rename Key = Id | project-reorder Name");
    expect(r.columns.map((c) => c.name)).toEqual(["Name", "Key"]);
    expect(r.rows).toEqual([["Alpha", 1]]);
  });
});

describe("mv-expand", () => {
  it("names the column Raw_records, skips empty arrays and keeps a null row for null", async () => {
    const r = await h.run("Staging | mv-expand Raw.records | project c = tostring(Raw_records.category)");
    expect(r.rows).toEqual([
      ["AdvancedHunting-DeviceAlertEvents"],
      ["AdvancedHunting-DeviceProcessEvents"],
      ["AdvancedHunting-DeviceAlertEvents"],
      ["AdvancedHunting-EmailEvents"],
      [""],
    ]);
  });

  it("expands bags into single-key bags, with an item index", async () => {
    const r = await h.run("print d = dynamic({'x':1,'y':[2]}) | mv-expand with_itemindex=i d");
    expect(r.columns.map((c) => c.name)).toEqual(["d", "i"]);
    expect(r.rows).toEqual([
      [{ x: 1 }, 0],
      [{ y: [2] }, 1],
    ]);
  });

  it("casts elements with to typeof() without parsing strings", async () => {
    const r = await h.run("print a = dynamic([1, '2', 3.7]) | mv-expand a to typeof(long)");
    expect(r.rows).toEqual([[1], [null], [3]]);
  });
});

describe("summarize", () => {
  it("names aggregates as Kusto does and bins datetimes", async () => {
    const r = await h.run(
      "Events | summarize count(), sum(Id), avg(Score), dcount(group), countif(Id > 1), max(Ts) by bin(Ts, 1h) | sort by Ts asc",
    );
    expect(r.columns.map((c) => c.name)).toEqual([
      "Ts",
      "count_",
      "sum_Id",
      "avg_Score",
      "dcount_group",
      "countif_",
      "max_Ts",
    ]);
    expect(r.rows).toEqual([
      ["2024-06-01T10:00:00.0000000Z", 2, 3, 2, 2, 1, "2024-06-01T10:35:00.1234567Z"],
      ["2024-06-01T11:00:00.0000000Z", 2, 7, 4, 2, 2, "2024-06-01T11:50:00.0000000Z"],
    ]);
  });

  it("arg_max(x, *) returns the whole row; make_set skips nulls; percentiles are values of the set", async () => {
    const r = await h.run("Events | summarize arg_max(Id, *), make_set(group), percentiles(Id, 50, 100)");
    expect(r.columns.map((c) => c.name)).toEqual([
      "Id",
      "Name",
      "Ts",
      "Score",
      "group",
      "Bag",
      "set_group",
      "percentile_Id_50",
      "percentile_Id_100",
    ]);
    const row = r.rows[0]!;
    expect(row.slice(0, 5)).toEqual([4, "", "2024-06-01T11:50:00.0000000Z", 4, "z"]);
    expect((row[6] as string[]).sort()).toEqual(["", "x", "y", "z"]);
    expect(row.slice(7)).toEqual([2, 4]);
  });

  it("summarize with no rows and no keys still answers one row", async () => {
    const r = await h.run("Events | where Id > 100 | summarize count()");
    expect(r.rows).toEqual([[0]]);
  });

  it("ingestion_time() groups under $IngestionTime", async () => {
    const r = await h.run("Events | summarize count() by bin(ingestion_time(), 1h)");
    expect(r.columns).toEqual([
      { name: "$IngestionTime", type: "datetime" },
      { name: "count_", type: "long" },
    ]);
    expect(r.rows).toEqual([["2024-06-01T11:00:00.0000000Z", 4]]);
  });
});

describe("sort, top, take, distinct, count", () => {
  it("sorts descending by default with nulls last", async () => {
    const r = await h.run("Events | sort by Score | project Id");
    expect(r.rows).toEqual([[4], [2], [1], [3]]);
    const asc = await h.run("Events | order by Score asc | project Id");
    expect(asc.rows).toEqual([[3], [1], [2], [4]]);
  });

  it("top, take and distinct", async () => {
    expect((await h.run("Events | top 2 by Id asc | project Id")).rows).toEqual([[1], [2]]);
    expect((await h.run("Events | take 3 | count")).rows).toEqual([[3]]);
    expect((await h.run("Events | distinct tostring(Bag.a) | sort by Bag_a asc")).rows).toEqual([
      [""],
      ["1"],
      ["2"],
      ["3"],
    ]);
  });
});

describe("let, union, functions, parameters, getschema", () => {
  it("let scalars and tables, union withsource", async () => {
    const r = await h.run(
      "let k = 2; let Small = Events | where Id <= k | project Id; union withsource=Src Small, (print Id = 10) | sort by Id asc",
    );
    expect(r.columns).toEqual([
      { name: "Src", type: "string" },
      { name: "Id", type: "long" },
    ]);
    expect(r.rows).toEqual([
      ["Small", 1],
      ["Small", 2],
      ["union_arg1", 10],
    ]);
  });

  it("calls stored functions with arguments and defaults", async () => {
    const r = await h.run("Above(2) | project Id, L");
    expect(r.rows).toEqual([
      [3, "hi"],
      [4, "hi"],
    ]);
  });

  it("declare query_parameters reads request parameters with the declared types", async () => {
    const kql =
      "declare query_parameters(since:datetime, who:string = 'Alpha', n:long); Events | where Ts >= since and Name == who or Id == n | project Id";
    const r = await h.run(kql, { since: "datetime(2024-06-01T10:00:00Z)", n: 4 });
    expect(r.rows).toEqual([[1], [4]]);
    expect(() => h.compile("declare query_parameters(n:long); print n")).toThrow(/not supplied/);
  });

  it("getschema lists the input columns", async () => {
    const r = await h.run("Events | project Id, Name | getschema");
    expect(r.rows).toEqual([
      ["Id", 0, "System.Int64", "long"],
      ["Name", 1, "System.String", "string"],
    ]);
  });
});

describe("scalar operators", () => {
  it("== is case-sensitive, =~ and has are not, has matches whole terms", async () => {
    const r = await h.run(
      "Events | project Id, eq = Name == 'alpha', ci = Name =~ 'alpha', has = Name has 'RAY', part = Name has 'ra', cont = Name contains 'AMM', sw = Name startswith_cs 'G' | where Id in (1, 3)",
    );
    expect(r.rows).toEqual([
      [1, false, true, false, false, false, false],
      [3, false, false, true, false, true, true],
    ]);
  });

  it("between, !in, iff, case, isempty, coalesce", async () => {
    const r = await h.run(
      "Events | project Id, b = Id between (2 .. 3), ni = Name !in~ ('ALPHA'), i = iff(Id > 2, 'big', 'small'), c = case(Id == 1, 'one', Id == 2, 'two', 'many'), e = isempty(Name), co = coalesce(Name, 'none') | sort by Id asc",
    );
    expect(r.rows).toEqual([
      [1, false, false, "small", "one", false, "Alpha"],
      [2, true, true, "small", "two", false, "beta"],
      [3, true, true, "big", "many", false, "Gamma ray"],
      [4, false, true, "big", "many", true, "none"],
    ]);
  });

  it("datetime arithmetic keeps 100-ns ticks", async () => {
    const r = await h.run(
      "Events | where Id == 2 | project t = Ts + 1tick, d = Ts - datetime(2024-06-01T10:00:00Z), s = startofday(Ts), a = Ts > ago(1d)",
    );
    expect(r.rows).toEqual([
      ["2024-06-01T10:35:00.1234568Z", "00:35:00.1234567", "2024-06-01T00:00:00.0000000Z", true],
    ]);
  });
});

describe("row-local queries (what a grouped ingestion may run over several batches at once)", () => {
  const rowLocal = [
    "Events | where Id > 1 | project Id, Name",
    "Events | extend N = strcat(Name, '!') | project-away Bag | project-rename Key = Id",
    "Staging | mv-expand Raw.records | project Category = tostring(Raw_records.category)",
    "Events | order by Id asc | project Id",
    "FilterDeviceAlertEvents()",
    "Events | extend T = ingestion_time()",
  ];
  const notRowLocal = [
    "Events | summarize count() by group",
    "Events | take 2",
    "Events | top 1 by Id",
    "Events | distinct Name",
    "Events | count",
    "union Events, Events",
    "Events | where Id in ((Events | where Score > 2 | project Id))",
    "print x = 1",
  ];
  it.each(rowLocal)("%s is row-local", (kql) => expect(h.compile(kql).rowLocal).toBe(true));
  it.each(notRowLocal)("%s is not row-local", (kql) => expect(h.compile(kql).rowLocal).toBe(false));

  it("yields each row's ingestion time after the columns only when asked", () => {
    const plain = h.compile("Events | project Id");
    expect(plain.sql).not.toMatch(/"\$ingestion_time" FROM "_q\d+"$/);
    const kept = h.compile("Events | project Id", undefined, { keepIngestionTime: true });
    expect(kept.sql).toMatch(/SELECT "Id", "\$ingestion_time" FROM "_q\d+"$/);
    const aggregated = h.compile("Events | summarize count()", undefined, { keepIngestionTime: true });
    expect(aggregated.sql).toMatch(/SELECT "count_" FROM "_q\d+"$/);
  });
});
