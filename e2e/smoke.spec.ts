import { expect, test } from "./fixtures";
import { SECTION_PATHS, type Section } from "./pages/app-shell";
import { connectedBaseURL } from "./servers";

test("opens on Tables after sign-in and moves between sections with the primary navigation", async ({
  page,
  asViewer: shell,
}) => {
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

test("the liveness endpoint answers without a token and without data", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toEqual({ status: "ok" });
});

test("the skip link is the first stop and moves focus to the main content", async ({ page, asViewer: shell }) => {
  // A full load (the session survives it: MSAL's cache is this tab's sessionStorage) puts focus at the top.
  await shell.goto("/health");
  await shell.expectSignedIn();
  await page.keyboard.press("Tab");
  await expect(shell.skipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(shell.main).toBeFocused();
});

test("an unknown address shows a not-found page that leads back to the console", async ({ page, asViewer: shell }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Go to Tables" }).click();
  // Still signed in: MSAL's cache lives in this tab's sessionStorage.
  await shell.expectSignedIn();
  await expect(shell.heading).toHaveText("Tables");
});

test("the same build in connected mode shows the Microsoft sign-in screen without contacting anyone", async ({
  page,
  signInPage,
}) => {
  const outside: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== connectedBaseURL) outside.push(request.url());
  });
  await page.goto(`${connectedBaseURL}/tables`);
  await signInPage.expectShown();
  await expect(signInPage.signInButton).toHaveText("Sign in with Microsoft");
  await expect(page.getByText(/local identity provider/i)).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Primary" })).toHaveCount(0);
  // MSAL discovers Entra ID only when the button is pressed; the page itself needs nothing from outside.
  await page.waitForLoadState("networkidle");
  expect(outside).toEqual([]);
});

test("the signed-out sign-in screen has no serious or critical accessibility violations", async ({
  page,
  signInPage,
  seriousA11yViolations,
}) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/tables");
    await signInPage.expectShown();
    expect(await seriousA11yViolations(), `axe on the sign-in screen at ${width}px`).toEqual([]);
  }
});

for (const width of [1280, 390]) {
  test(`the signed-in shell has no serious or critical accessibility violations at ${width}px`, async ({
    page,
    asViewer: shell,
    seriousA11yViolations,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const path of Object.values(SECTION_PATHS)) {
      // A full load keeps the session: MSAL's cache is this tab's sessionStorage.
      await shell.goto(path);
      await shell.expectSignedIn();
      await expect(shell.heading).toBeVisible();
      expect(await seriousA11yViolations(), `axe on ${path}`).toEqual([]);
    }
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    expect(await seriousA11yViolations(), "axe on the not-found page").toEqual([]);
  });
}

test("every section has a level-one heading named after it", async ({ asAdmin: shell }) => {
  for (const section of Object.keys(SECTION_PATHS) as Section[]) {
    await shell.goto(SECTION_PATHS[section]);
    await expect(shell.heading).toHaveText(section);
  }
});
