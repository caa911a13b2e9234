import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTable as catalogTable, tableNames } from "@/kql/catalog";
import { buildCreateMergeTableCommand } from "@/kql/generate/table";
import {
  applyResultSchema,
  bulkApplyResponseSchema,
  tableDetailResponseSchema,
  tablesResponseSchema,
} from "@/lib/schemas/table-responses";
import { tryLock } from "./apply/lock";
import { startConsoleHarness, type ConsoleHarness } from "./state/testing/console-harness";

/**
 * The tables API end to end: real route handlers, real tokens from the local IdP, On-Behalf-Of, azure-kusto-data
 * and the local engine on a fresh database. Tests run in order and build on each other (fresh → Staging → tables).
 */
let h: ConsoleHarness;
// Loaded after the harness has pointed the env at the IdP and the engine (lib/env reads it once, on import).
let getSetupScript: typeof import("@/app/api/setup-script/route").GET;
let applyStagingRoute: typeof import("@/app/api/staging/apply/route").POST;
let getTable: typeof import("@/app/api/tables/[table]/route").GET;
let applyTableRoute: typeof import("@/app/api/tables/[table]/apply/route").POST;
let applyBulkRoute: typeof import("@/app/api/tables/apply/route").POST;
let getTables: typeof import("@/app/api/tables/route").GET;
beforeAll(async () => {
  h = await startConsoleHarness();
  ({ GET: getSetupScript } = await import("@/app/api/setup-script/route"));
  ({ POST: applyStagingRoute } = await import("@/app/api/staging/apply/route"));
  ({ GET: getTable } = await import("@/app/api/tables/[table]/route"));
  ({ POST: applyTableRoute } = await import("@/app/api/tables/[table]/apply/route"));
  ({ POST: applyBulkRoute } = await import("@/app/api/tables/apply/route"));
  ({ GET: getTables } = await import("@/app/api/tables/route"));
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const json = async (res: Response) => (await res.json()) as unknown;
const applyTable = (table: string, who: "admin" | "viewer" = "admin") =>
  h.call(applyTableRoute, who, { path: `/api/tables/${table}/apply`, method: "POST", params: { table } });
const overview = async () =>
  tablesResponseSchema.parse(await json(await h.call(getTables, "viewer", { path: "/api/tables" })));

describe("tables API on a fresh database", () => {
  it("GET /api/tables: every catalog table not set up, Staging not set up", async () => {
    const res = await h.call(getTables, "viewer", { path: "/api/tables" });
    expect(res.status).toBe(200);
    const body = tablesResponseSchema.parse(await res.json());
    expect(body.tables.map((t) => t.table)).toEqual([...tableNames]);
    expect(body.tables.every((t) => t.status === "not-set-up")).toBe(true);
    expect(body.counts["not-set-up"]).toBe(tableNames.length);
    expect(body.staging.status).toBe("not-set-up");
    expect(body.database).toBe("Defender");
  });

  it("a viewer may read but not apply (403 forbidden:auth)", async () => {
    for (const res of [
      await applyTable("DeviceInfo", "viewer"),
      await h.call(applyStagingRoute, "viewer", { path: "/api/staging/apply", method: "POST" }),
      await h.call(applyBulkRoute, "viewer", {
        path: "/api/tables/apply",
        method: "POST",
        body: { tables: ["DeviceInfo"] },
      }),
    ]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden:auth" });
    }
  });

  it("applying a table before Staging is refused with a reason, and nothing is sent", async () => {
    const res = await applyTable("DeviceInfo");
    expect(res.status).toBe(200);
    const body = applyResultSchema.parse(await res.json());
    expect(body.outcome).toBe("blocked");
    expect(body.blocked[0]).toMatch(/Set up Staging first/);
    expect(body.commands).toEqual([]);
  });

  it("off-catalog names: 404 for the table routes", async () => {
    const detail = await h.call(getTable, "viewer", { path: "/api/tables/Nope", params: { table: "Nope" } });
    expect(detail.status).toBe(404);
    expect(await detail.json()).toMatchObject({
      code: "not_found:tables",
      cause: expect.stringMatching(/Unknown table "Nope"/),
    });
    // Names are case-sensitive in ADX: a differently cased catalog name is not a catalog name.
    expect((await applyTable("deviceinfo")).status).toBe(404);
  });
});

describe("Staging, then tables", () => {
  it("POST /api/staging/apply sets up Staging; its status becomes ready; again = nothing to do", async () => {
    const res = await h.call(applyStagingRoute, "admin", { path: "/api/staging/apply", method: "POST" });
    expect(res.status).toBe(200);
    const body = applyResultSchema.parse(await res.json());
    expect(body).toMatchObject({
      table: "Staging",
      outcome: "applied",
      failed: null,
      appliedBy: "admin@contoso.local",
    });
    expect(body.commands.map((c) => [c.kind, c.result])).toEqual([
      ["staging-table", "Completed"],
      ["staging-mapping", "Completed"],
      ["retention", "Completed"],
      ["batching", "Completed"],
    ]);
    expect((await overview()).staging.status).toBe("ready");
    const again = applyResultSchema.parse(
      await json(await h.call(applyStagingRoute, "admin", { path: "/api/staging/apply", method: "POST" })),
    );
    expect(again.outcome).toBe("nothing-to-do");
  });

  it("POST /api/tables/DeviceInfo/apply runs one script; its parts are ok; a second apply sends nothing", async () => {
    const res = await applyTable("DeviceInfo");
    expect(res.status).toBe(200);
    const body = applyResultSchema.parse(await res.json());
    expect(body.outcome).toBe("applied");
    expect(body.commands.map((c) => [c.id, c.result, c.commandType])).toEqual([
      ["function:FilterDeviceInfo", "Completed", "FunctionCreateOrAlter"],
      ["table:DeviceInfo", "Completed", "TableCreateMerge"],
      ["update-policy:DeviceInfo", "Completed", "TableUpdatePolicyAlter"],
    ]);
    const status = (await overview()).tables.find((t) => t.table === "DeviceInfo")!;
    expect(status.parts).toEqual({ function: "ok", table: "ok", updatePolicy: "ok" });
    expect(status.status).toBe("waiting");

    const again = applyResultSchema.parse(await json(await applyTable("DeviceInfo")));
    expect(again).toMatchObject({ outcome: "nothing-to-do", commands: [] });
  });

  it("GET /api/tables/DeviceInfo: columns, generated texts, the cluster's versions, empty plan, history", async () => {
    const res = await h.call(getTable, "viewer", { path: "/api/tables/DeviceInfo", params: { table: "DeviceInfo" } });
    expect(res.status).toBe(200);
    const body = tableDetailResponseSchema.parse(await res.json());
    const entry = catalogTable("DeviceInfo");
    expect(body.table.columns.map((c) => c.name)).toEqual(entry.columns.map((c) => c.name));
    expect(body.generated.functionCommand).toMatch(/^\.create-or-alter function .*FilterDeviceInfo\(\)/s);
    expect(body.cluster.schema?.map((c) => c.name)).toEqual(entry.columns.map((c) => c.name));
    expect(body.cluster.functionBody).not.toBeNull();
    expect(JSON.parse(body.cluster.updatePolicy!)).toMatchObject([{ Source: "Staging", Query: "FilterDeviceInfo()" }]);
    expect(body.plan).toEqual({ table: "DeviceInfo", steps: [], blocked: [], script: "" });
    expect(body.status.status).toBe("waiting");
    // The viewer cannot read the journal on ADX either; either way the answer says so instead of failing.
    if (body.historyUnavailable === null) {
      expect(body.history.map((e) => e.entity)).toEqual(expect.arrayContaining(["DeviceInfo", "FilterDeviceInfo"]));
    }
  });

  it("the admin sees the change history from the journal, newest first", async () => {
    const viewerFree = await h.admin.executeCommand("Defender", ".show journal");
    expect(viewerFree.rows.length).toBeGreaterThan(0);
    const { readTableHistory } = await import("./audit");
    const { history, unavailable } = await readTableHistory(h.admin, "Defender", "DeviceInfo");
    expect(unavailable).toBeNull();
    expect(history.map((e) => e.event)).toEqual(
      expect.arrayContaining(["CREATE-FUNCTION", "CREATE-TABLE", "ALTER-TABLE-UPDATE-POLICY"]),
    );
    expect(history.every((e) => e.principal.startsWith("aaduser=a0000000-0000-4000-8000-00000000ad01"))).toBe(true);
    const times = history.map((e) => e.at ?? "");
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("two concurrent applies of one table do not interleave: one runs, the other gets 409", async () => {
    const [a, b] = await Promise.all([applyTable("AlertInfo"), applyTable("AlertInfo")]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const ok = a.status === 200 ? a : b;
    const conflict = a.status === 409 ? a : b;
    expect(applyResultSchema.parse(await ok.json()).outcome).toBe("applied");
    expect(await conflict.json()).toMatchObject({ code: "conflict:tables" });
    // The script ran once: each of its commands appears once in the engine's request log.
    const log = await h.admin.executeCommand("Defender", ".show commands-and-queries");
    const scripts = log.rows.filter(
      (r) => String(r[2]).includes("FilterAlertInfo") && String(r[1]) === "DatabaseScriptExecute",
    );
    expect(scripts).toHaveLength(1);
    expect(applyResultSchema.parse(await json(await applyTable("AlertInfo"))).outcome).toBe("nothing-to-do");
  });

  it("bulk apply: 400 for an off-catalog name, naming it", async () => {
    const res = await h.call(applyBulkRoute, "admin", {
      path: "/api/tables/apply",
      method: "POST",
      body: { tables: ["AlertEvidence", "DeviceFoo"] },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "bad_request:tables", cause: expect.stringMatching(/DeviceFoo/) });
    const notJson = await h.call(applyBulkRoute, "admin", { path: "/api/tables/apply", method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
  });

  it("bulk apply continues past a failed and a busy table and reports each, in catalog order", async () => {
    // EmailEvents with an extra column: the update policy's query no longer matches the table, so ADX (and the
    // engine) reject the policy — a real command failure inside the script.
    await h.admin.executeCommand("Defender", buildCreateMergeTableCommand(catalogTable("EmailEvents")));
    await h.admin.executeCommand("Defender", ".alter-merge table EmailEvents (Extra: string)");
    const release = tryLock("table:EmailAttachmentInfo");
    try {
      const res = await h.call(applyBulkRoute, "admin", {
        path: "/api/tables/apply",
        method: "POST",
        body: { tables: ["EmailUrlInfo", "EmailEvents", "EmailAttachmentInfo"] },
      });
      expect(res.status).toBe(200);
      const body = bulkApplyResponseSchema.parse(await res.json());
      const byTable = Object.fromEntries(body.results.map((r) => [r.table, r]));
      expect(body.results.map((r) => r.table)).toEqual(
        tableNames.filter((t) => ["EmailUrlInfo", "EmailEvents", "EmailAttachmentInfo"].includes(t)),
      );
      expect(byTable.EmailAttachmentInfo?.outcome).toBe("busy");
      expect(byTable.EmailUrlInfo?.outcome).toBe("applied");
      const failed = byTable.EmailEvents!;
      expect(failed.outcome).toBe("failed");
      expect(failed.failed).toMatchObject({
        id: "update-policy:EmailEvents",
        reason: expect.stringMatching(/schema/i),
      });
      expect(failed.commands.map((c) => c.result)).toEqual(["Completed", "Failed"]);
      expect(body.summary).toMatchObject({ applied: 1, failed: 1, busy: 1 });
    } finally {
      release?.();
    }
  });
});

describe("GET /api/setup-script", () => {
  const run = promisify(execFile);
  const exportKql = async (args: string[]) =>
    (
      await run("npm", ["run", "--silent", "export-kql", ...(args.length ? ["--", ...args] : [])], {
        cwd: process.cwd(),
      })
    ).stdout;

  it("is a text/plain download identical to `npm run --silent export-kql`", async () => {
    const res = await h.call(getSetupScript, "viewer", { path: "/api/setup-script" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.kql"$/);
    expect(await res.text()).toBe(await exportKql([]));
  }, 60_000);

  it("selects tables like `--tables`, and rejects unknown ones", async () => {
    const res = await h.call(getSetupScript, "viewer", { path: "/api/setup-script?tables=DeviceInfo,AlertInfo" });
    expect(await res.text()).toBe(await exportKql(["--tables", "DeviceInfo,AlertInfo"]));
    const bad = await h.call(getSetupScript, "viewer", { path: "/api/setup-script?tables=DeviceInfo,Nope" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "bad_request:tables" });
  }, 60_000);
});
