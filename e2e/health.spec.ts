import { expect, test } from "./fixtures";
import { HealthPage } from "./pages/health";
import { adminTokens, sendSimulatedMessages, setUpPipeline, signInAs } from "./pages/policies";

// Needs the local services of `npm start` (IdP, engine, app) and sign-in through the local IdP.
test.describe("health page with simulated data", () => {
  test.beforeAll(async () => {
    const { engine } = await adminTokens();
    await setUpPipeline(engine);
    await sendSimulatedMessages(engine, 30);
  });

  test("charts and tables render the simulated rows; range and auto-refresh switch", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "viewer");
    const health = new HealthPage(page);
    await health.goto();
    // Staging batches for at most 5 minutes by default; messages sent just now may still wait. Poll the totals.
    await expect(async () => {
      await page.reload();
      await expect(health.totals.getByRole("row", { name: /AlertInfo/ })).toBeVisible();
      await expect(health.rowsChart.locator("svg.recharts-surface")).toBeVisible();
    }).toPass({ timeout: 100_000, intervals: [5_000] });

    await expect(health.freshness.getByRole("row", { name: /AlertInfo/ })).toContainText(/Fresh|Stale/);
    const rows = await health.tableOf(health.rowsChart);
    await expect(rows.getByRole("columnheader", { name: "AlertInfo" })).toBeVisible();
    await expect(health.lagChart.locator("svg.recharts-surface")).toBeVisible();
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
});
