import { readFile } from "node:fs/promises";
import type { Client } from "azure-kusto-data";
import { buildCreateOrAlterFilterFunctionCommand } from "@/kql/generate/function";
import { buildSetupScript, renderScript } from "@/kql/generate/script";
import { getTable } from "@/kql/catalog";
import { expect, signIn, test } from "./fixtures";
import { TableDetailPage } from "./pages/table-detail";
import { TablesPage } from "./pages/tables";
import { DATABASE } from "./servers";

// One engine serves every spec of a run, so each test first puts the tables it uses into a known state.
const TABLES = ["DeviceProcessEvents", "EmailEvents", "IdentityLogonEvents"] as const;
const DRIFT_TABLE = "EmailEvents";

const mgmt = async (kusto: Client, command: string) => kusto.executeMgmt(DATABASE, command);
const ignoreFailure = async (run: Promise<unknown>) => run.catch(() => undefined);

/** Removes the function and table (with its update policy) the console would create for `table`. */
async function resetTable(kusto: Client, table: string) {
  await mgmt(kusto, `.drop table ${table} ifexists`);
  await mgmt(kusto, `.drop function Filter${table} ifexists`);
}

test.describe.configure({ mode: "serial" });
// Applies and cluster reads are slow on a busy 2-core machine; the default 30 s is too tight for these flows.
test.setTimeout(120_000);

test("an admin sets up Staging, enables three tables and watches them turn healthy as events arrive", async ({
  page,
  kustoAs,
  streamEvents,
}) => {
  test.setTimeout(300_000);
  const kusto = await kustoAs("admin");
  for (const table of TABLES) await resetTable(kusto, table);
  // Whatever ran before, Staging lacks its mapping now, so "Set up Staging" has something to do.
  await ignoreFailure(mgmt(kusto, `.drop table Staging ingestion json mapping 'StagingMapping'`));

  await signIn(page, "admin", { path: "/tables" });
  const tables = new TablesPage(page);
  await tables.expectLoaded();
  await expect(tables.prerequisiteState("Ingestion mapping")).toHaveText("Not met");

  await tables.setUpStagingButton.click();
  const stagingDialog = tables.dialog;
  await expect(stagingDialog.getByRole("heading", { name: "Set up Staging" })).toBeVisible();
  // The exact command is shown before anything runs.
  await expect(stagingDialog.getByText(".create-or-alter table Staging ingestion json mapping")).toBeVisible();
  await stagingDialog.getByRole("button", { name: /^Apply \d+ commands?$/ }).click();
  await expect(stagingDialog.getByRole("status")).toContainText("Staging:", { timeout: 20_000 });
  await expect(stagingDialog.getByText("Applied", { exact: true })).toBeVisible();
  await stagingDialog.getByRole("button", { name: "Close", exact: true }).last().click();
  await expect(stagingDialog).toBeHidden();
  for (const label of ["Table", "Ingestion mapping", "Retention", "Ingestion batching"])
    await expect(tables.prerequisiteState(label)).toHaveText("Met");
  await expect(tables.stagingCard.getByText("Ready", { exact: true })).toBeVisible();

  for (const table of TABLES) {
    await expect(tables.status(table)).toHaveText("Not set up");
    await tables.checkbox(table).check();
  }
  await expect(tables.enableSelectedButton).toHaveText("Enable selected (3)");
  await tables.enableSelectedButton.click();
  const dialog = tables.dialog;
  await expect(dialog.getByRole("heading", { name: "Enable 3 tables" })).toBeVisible();
  for (const table of TABLES) {
    const item = dialog.getByRole("listitem").filter({ has: page.getByRole("heading", { name: table }) });
    await expect(item.getByText(`.create-or-alter function`, { exact: false }).first()).toBeVisible();
    await expect(item.getByText(`.alter table ${table} policy update`, { exact: false })).toBeVisible();
  }
  await dialog.getByRole("button", { name: "Apply 9 commands" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Finished: 3 applied.", { timeout: 90_000 });
  await expect(dialog.getByText("Applied", { exact: true })).toHaveCount(3);
  await dialog.getByRole("button", { name: "Close", exact: true }).last().click();

  for (const table of TABLES) await expect(tables.status(table)).toHaveText("Waiting for data", { timeout: 15_000 });
  // The selection of the tables that succeeded is cleared.
  await expect(tables.enableSelectedButton).toHaveText("Enable selected");

  // Seal a batch per message instead of after the seed's 30 s, then stream events of exactly these tables.
  await mgmt(
    kusto,
    `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:10","MaximumNumberOfItems":1,"MaximumRawDataSizeMB":1024}'`,
  );
  await streamEvents({ count: 90, tables: Object.fromEntries(TABLES.map((t) => [t, 1])) });
  await expect(async () => {
    await page.reload();
    await tables.expectLoaded();
    for (const table of TABLES) await expect(tables.status(table)).toHaveText("Healthy", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  for (const table of TABLES) await expect(tables.row(table).getByRole("cell").last()).not.toHaveText("Never");
});

test("filters by status and family, with counts", async ({ page }) => {
  await signIn(page, "viewer", { path: "/tables" });
  const tables = new TablesPage(page);
  await tables.expectLoaded();
  await expect(tables.showing).toHaveText("Showing 26 of 26 tables");
  await tables.familyFilter.selectOption("Email");
  await expect(tables.showing).toHaveText(/^Showing [1-9] of 26 tables$/);
  await expect(tables.checklist.getByRole("heading", { level: 3 })).toHaveText([/^Email/]);
  await tables.statusFilter.selectOption("healthy");
  await expect(tables.row(DRIFT_TABLE)).toBeVisible();
  await expect(tables.row("DeviceProcessEvents")).toHaveCount(0);
  await tables.familyFilter.selectOption("all");
  await expect(tables.row("DeviceProcessEvents")).toBeVisible();
});

test("a function drifted in the cluster shows the diff, and Apply fixes it", async ({ page, kustoAs }) => {
  const kusto = await kustoAs("admin");
  const generated = buildCreateOrAlterFilterFunctionCommand(getTable(DRIFT_TABLE), { stagingTable: "Staging" });
  const wanted = `| where Category == "AdvancedHunting-${DRIFT_TABLE}"`;
  expect(generated).toContain(wanted);
  const drifted = `${wanted} and isnotnull(Properties)`;
  await mgmt(kusto, generated.replace(wanted, drifted));

  await signIn(page, "admin", { path: `/tables/${DRIFT_TABLE}` });
  const detail = new TableDetailPage(page, DRIFT_TABLE);
  await expect(detail.statusBadge).toHaveText("Drifted");
  const diff = detail.differences;
  const clusterOnly = diff.getByRole("listitem").filter({ hasText: "Cluster only:" });
  const generatedOnly = diff.getByRole("listitem").filter({ hasText: "Generated only:" });
  await expect(clusterOnly).toHaveCount(1);
  await expect(clusterOnly).toContainText(drifted);
  await expect(generatedOnly).toHaveCount(1);
  await expect(generatedOnly).toContainText(wanted);
  await expect(generatedOnly).not.toContainText("isnotnull");

  await expect(detail.planCard.getByText(".create-or-alter function", { exact: false })).toBeVisible();
  await detail.applyButton.click();
  await expect(detail.planCard.getByRole("status")).toContainText(`applied to ${DRIFT_TABLE}`, { timeout: 20_000 });
  await expect(detail.planCard.getByText("Completed", { exact: true })).toHaveCount(1);
  await expect(detail.statusBadge).not.toHaveText("Drifted", { timeout: 15_000 });
  await expect(detail.differences).toHaveCount(0);
  await expect(detail.planCard).toContainText("Nothing to do");
  // The journal lists the changes (the drift and the fix among them).
  await expect(detail.history.getByRole("row").nth(1)).toBeVisible();
});

test("the detail page shows columns and the generated KQL in a local Monaco with copy and download", async ({
  page,
  baseURL,
}) => {
  const outside: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.hostname !== "127.0.0.1") outside.push(request.url());
  });
  await signIn(page, "admin", { path: "/tables/DeviceProcessEvents" });
  const detail = new TableDetailPage(page, "DeviceProcessEvents");
  await detail.goto();
  await expect(detail.columns.getByRole("rowheader", { name: "InitiatingProcessCommandLine" })).toBeVisible();
  await expect(detail.kqlText).toContainText(".create-or-alter function");
  const monacoFile = page.waitForResponse((r) => r.url().startsWith(`${baseURL}/monaco/vs/`) && r.ok());
  await expect(detail.monacoEditor).toBeVisible({ timeout: 20_000 });
  await monacoFile;
  // monaco-kusto colours the text: more than one token colour in the view.
  await expect
    .poll(async () =>
      detail.monacoEditor
        .locator(".view-line span span")
        .evaluateAll((spans) => new Set(spans.map((s) => getComputedStyle(s).color)).size),
    )
    .toBeGreaterThan(2);

  await detail.tab("Update policy").click();
  await expect(detail.tab("Update policy")).toHaveAttribute("aria-selected", "true");
  await expect(detail.kqlText).toContainText(".alter table DeviceProcessEvents policy update");
  const download = page.waitForEvent("download");
  await detail.generatedKql.getByRole("button", { name: /^Download/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("DeviceProcessEvents.update-policy.kql");
  expect(await readFile(await file.path(), "utf8")).toContain(".alter table DeviceProcessEvents policy update");
  expect(outside).toEqual([]);
});

test("the setup script downloads with the caller's token, the same text as export-kql", async ({ page }) => {
  await signIn(page, "viewer", { path: "/tables" });
  const tables = new TablesPage(page);
  await tables.expectLoaded();
  const download = page.waitForEvent("download");
  await tables.downloadButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("defender-adx-setup.kql");
  expect(await readFile(await file.path(), "utf8")).toBe(
    renderScript(buildSetupScript({ stagingTable: "Staging", mappingName: "StagingMapping" })),
  );
});

test("a viewer cannot apply: no actions in the UI, and the API answers 403", async ({
  page,
  request,
  apiToken,
  kustoAs,
}) => {
  // Something to apply on the detail page, so the missing button means "not allowed", not "nothing to do".
  await resetTable(await kustoAs("admin"), "IdentityLogonEvents");
  await signIn(page, "viewer", { path: "/tables" });
  const tables = new TablesPage(page);
  await tables.expectLoaded();
  await expect(tables.checklist.getByRole("checkbox")).toHaveCount(0);
  await expect(tables.enableSelectedButton).toHaveCount(0);
  await expect(tables.setUpStagingButton).toHaveCount(0);

  const detail = new TableDetailPage(page, "IdentityLogonEvents");
  await detail.goto();
  await expect(detail.statusBadge).toHaveText("Not set up");
  await expect(detail.planCard.getByText(".create-or-alter function", { exact: false })).toBeVisible();
  await expect(detail.planCard).toContainText("Applying needs the console's admin role.");
  await expect(detail.planCard.getByRole("button", { name: /^Apply/ })).toHaveCount(0);

  const headers = { authorization: `Bearer ${await apiToken("viewer")}` };
  for (const [path, data] of [
    ["/api/tables/IdentityLogonEvents/apply", undefined],
    ["/api/tables/apply", { tables: ["IdentityLogonEvents"] }],
    ["/api/staging/apply", undefined],
  ] as const) {
    const response = await request.post(path, { headers, data });
    expect(response.status(), path).toBe(403);
    expect((await response.json()).code).toMatch(/^forbidden:/);
  }
  await page.reload();
  await expect(detail.statusBadge).toHaveText("Not set up");
});

test("an unknown table shows the not-found page", async ({ page }) => {
  await signIn(page, "viewer", { path: "/tables" });
  // Names are case-sensitive; only catalog names are pages, so the router answers 404 before anything renders.
  const response = await page.goto("/tables/deviceprocessevents");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Table not found");
  await page.getByRole("link", { name: "Go to all tables" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tables" })).toBeVisible();
});

test("both pages have no serious or critical accessibility violations", async ({ page, seriousA11yViolations }) => {
  await signIn(page, "admin", { path: "/tables" });
  const tables = new TablesPage(page);
  await tables.expectLoaded();
  expect(await seriousA11yViolations(), "axe on /tables").toEqual([]);
  await tables.checkbox("DeviceProcessEvents").check();
  await tables.enableSelectedButton.click();
  await expect(tables.dialog.getByRole("button", { name: /^Apply \d+ commands?$/ })).toBeVisible();
  expect(await seriousA11yViolations(), "axe on the enable dialog").toEqual([]);
  await page.keyboard.press("Escape");
  await expect(tables.dialog).toBeHidden();

  const detail = new TableDetailPage(page, "DeviceProcessEvents");
  await detail.goto();
  await expect(detail.monacoEditor).toBeVisible({ timeout: 20_000 });
  expect(await seriousA11yViolations(), "axe on /tables/DeviceProcessEvents").toEqual([]);
});
