import { TENANT_ID } from "@/local/entra/directory";
import { type DemoRole, demoUser, expect, signIn, test } from "./fixtures";
import { SECTION_PATHS } from "./pages/app-shell";
import { localEntraURL, setupABaseURL, setupAEntraURL } from "./servers";

const ROLE_LABEL: Record<DemoRole, string> = { admin: "Administrator", viewer: "Viewer" };

for (const role of ["admin", "viewer"] as const) {
  test(`signs in and out through real MSAL as the ${role}`, async ({ page, signInPage }) => {
    const user = demoUser(role);
    const shell = await signIn(page, role);

    await shell.openAccountMenu();
    await expect(shell.accountPanel.getByText(user.name, { exact: true })).toBeVisible();
    await expect(shell.accountPanel.getByText(user.upn, { exact: true })).toBeVisible();
    // The role comes from the console API (/api/me), i.e. from the access token the API verified.
    await expect(shell.accountPanel.getByTestId("account-role")).toHaveText(`Role: ${ROLE_LABEL[role]}`);

    await shell.signOutButton.click();
    // MSAL's logoutRedirect goes through the IdP's logout endpoint and back to the console.
    await signInPage.expectShown();
    await expect(shell.primaryNav).toHaveCount(0);
    await page.reload();
    await signInPage.expectShown();
  });
}

test("a signed-out visitor sees only the sign-in screen, on every page", async ({ page, shell, signInPage }) => {
  for (const path of Object.values(SECTION_PATHS)) {
    await page.goto(path);
    await signInPage.expectShown();
    await expect(page.getByText(/Local mode: the local identity provider lets you pick/)).toBeVisible();
    await expect(shell.banner).toHaveCount(0);
    await expect(shell.primaryNav).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  }
});

test("cancelling on the identity provider's page returns to the sign-in screen with a message", async ({
  page,
  signInPage,
}) => {
  await page.goto("/");
  await signInPage.signInButton.click();
  await expect(signInPage.pickerHeading).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await signInPage.expectShown();
  await expect(page.getByText(/Sign-in did not complete/)).toBeVisible();
});

test("the API answers 401 with a JSON error without a token, and the caller's identity with one", async ({
  request,
  apiToken,
}) => {
  const anonymous = await request.get("/api/me");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toContain("application/json");
  expect(await anonymous.json()).toMatchObject({ code: "unauthorized:auth", message: expect.any(String) });

  const bad = await request.get("/api/me", { headers: { authorization: "Bearer not-a-token" } });
  expect(bad.status()).toBe(401);
  expect(await bad.json()).toMatchObject({ code: "unauthorized:auth" });

  const viewer = await request.get("/api/me", { headers: { authorization: `Bearer ${await apiToken("viewer")}` } });
  expect(viewer.status()).toBe(200);
  expect(await viewer.json()).toMatchObject({ upn: demoUser("viewer").upn, roles: ["viewer"] });
});

test.describe("setup A: the identity provider over https with a self-signed CA", () => {
  // The canary of MSAL's real discovery path (platform-notes §4.2): no authorityMetadata, MSAL fetches the IdP's
  // discovery document over https itself. Chromium accepts the generated certificate; Node trusts it through
  // NODE_EXTRA_CA_CERTS (system bundle + our CA) that scripts/start.ts hands the app and the engine.
  test.use({ baseURL: setupABaseURL, ignoreHTTPSErrors: true });

  test("signs in and out as the admin, MSAL discovering the https authority itself", async ({ page, signInPage }) => {
    const discovery = `${setupAEntraURL}/${TENANT_ID}/v2.0/.well-known/openid-configuration`;
    const fetched: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(localEntraURL)) fetched.push(request.url().split("?")[0] ?? "");
    });

    const shell = await signIn(page, "admin", { idpURL: setupAEntraURL });
    expect(fetched).toContain(discovery);
    expect(fetched).toContain(`${setupAEntraURL}/${TENANT_ID}/oauth2/v2.0/token`);

    await shell.openAccountMenu();
    await expect(shell.accountPanel.getByText(demoUser("admin").upn, { exact: true })).toBeVisible();
    // The API verified the token against the https IdP's keys (Node trusting the generated CA).
    await expect(shell.accountPanel.getByTestId("account-role")).toHaveText("Role: Administrator");

    await shell.signOutButton.click();
    await signInPage.expectShown();
  });
});
