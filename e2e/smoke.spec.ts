import { expect, test } from "./fixtures";
import { SECTION_PATHS, type Section } from "./pages/app-shell";
import { CONNECTED_CLUSTER_HOST, connectedBaseURL } from "./servers";

test("opens on Tables and moves between sections with the primary navigation", async ({ page, shell }) => {
  await shell.goto("/");
  await expect(page).toHaveURL(/\/tables$/);
  await expect(shell.heading).toHaveText("Tables");
  await shell.expectCurrent("Tables");
  await expect(shell.modeIndicator).toHaveText("Local mode");

  for (const section of ["Health", "Policies", "Tables"] as const) {
    await shell.navigateTo(section);
    await shell.expectCurrent(section);
    await expect(page).toHaveTitle(`${section} · Defender ADX Console`);
  }
});

test("every unfinished page says so and shows no data", async ({ shell }) => {
  for (const section of Object.keys(SECTION_PATHS) as Section[]) {
    await shell.goto(SECTION_PATHS[section]);
    await expect(shell.main.getByRole("heading", { name: "Not built yet" })).toBeVisible();
    await expect(shell.main.getByRole("table")).toHaveCount(0);
  }
});

test("the liveness endpoint answers without data", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toEqual({ status: "ok" });
});

test("the skip link is the first stop and moves focus to the main content", async ({ page, shell }) => {
  await shell.goto("/health");
  await page.keyboard.press("Tab");
  await expect(shell.skipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(shell.main).toBeFocused();
});

test("an unknown address shows a not-found page inside the shell", async ({ page, shell }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(shell.heading).toHaveText("Page not found");
  await expect(shell.primaryNav).toBeVisible();
  await expect(shell.primaryNav.locator("[aria-current]")).toHaveCount(0);
  await shell.main.getByRole("link", { name: "Go to Tables" }).click();
  await expect(shell.heading).toHaveText("Tables");
});

test("the same build shows connected mode when a cluster is configured", async ({ shell }) => {
  await shell.goto(`${connectedBaseURL}/tables`);
  await expect(shell.modeIndicator).toHaveText(`Connected: ${CONNECTED_CLUSTER_HOST}`);
});

for (const width of [1280, 390]) {
  test(`the shell has no serious or critical accessibility violations at ${width}px`, async ({
    page,
    shell,
    seriousA11yViolations,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const path of [...Object.values(SECTION_PATHS), "/no-such-page"]) {
      await shell.goto(path);
      await expect(shell.heading).toBeVisible();
      expect(await seriousA11yViolations(), `axe on ${path}`).toEqual([]);
    }
  });
}
