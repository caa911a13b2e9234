import { applySetupScript, expect, signIn, test } from "./fixtures";
import { HealthPage } from "./pages/health";
import { DATABASE } from "./servers";

// One engine serves every spec of a run, so the test first puts the tables it reads into a known state.
const TABLES = ["DeviceProcessEvents", "AlertInfo", "AlertEvidence"] as const;

test("charts and tables render the simulated rows; range and auto-refresh switch", async ({
  page,
  kustoAs,
  streamEvents,
}) => {
  test.setTimeout(180_000);
  const kusto = await kustoAs("admin");
  await applySetupScript(kusto, TABLES);
  // Seal a batch per message instead of after the script's 30 s, so the rows land while the test watches.
  await kusto.executeMgmt(
    DATABASE,
    `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:10","MaximumNumberOfItems":1,"MaximumRawDataSizeMB":1024}'`,
  );
  await streamEvents({ count: 150, tables: Object.fromEntries(TABLES.map((t) => [t, 1])) });

  await signIn(page, "viewer", { path: "/health" });
  const health = new HealthPage(page);
  await health.goto();
  await expect(async () => {
    await page.reload();
    await expect(health.totals.getByRole("row", { name: /AlertInfo/ })).toBeVisible({ timeout: 2_000 });
    await expect(health.plotOf(health.rowsChart)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [3_000] });

  await expect(health.freshness.getByRole("row", { name: /AlertInfo/ })).toContainText(/Fresh|Stale/);
  const rows = await health.tableOf(health.rowsChart);
  await expect(rows.getByRole("columnheader", { name: "AlertInfo" })).toBeVisible();
  await expect(health.plotOf(health.lagChart)).toBeVisible();
  await expect(health.section("Ingestion failures")).toBeVisible();

  await expect(health.range("1h")).toHaveAttribute("aria-pressed", "true");
  await health.range("7d").click();
  await expect(health.range("7d")).toHaveAttribute("aria-pressed", "true");
  await expect(health.section("Rows per table")).toContainText(/per hour, last 7 days/);

  await expect(health.autoRefresh).toHaveAttribute("aria-pressed", "true");
  await health.autoRefresh.click();
  await expect(health.autoRefresh).toHaveAttribute("aria-pressed", "false");
  await expect(health.main).toContainText("Paused");
});
