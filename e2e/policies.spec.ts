import { expect, test } from "./fixtures";
import {
  adminTokens,
  PoliciesPage,
  sendSimulatedMessages,
  setUpPipeline,
  signInAs,
  viewerApiToken,
} from "./pages/policies";

// Needs the local services of `npm start` (IdP, engine, app) and sign-in through the local IdP.
let engineToken: string;
test.beforeAll(async () => {
  engineToken = (await adminTokens()).engine;
  await setUpPipeline(engineToken);
});

test("admin sets batching to 30 seconds: it becomes the effective policy and the batches chart follows", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signInAs(page, "admin");
  const policies = new PoliciesPage(page);
  await policies.goto();
  await expect(policies.batchingCard.getByTestId("batching-source")).toHaveText(/ADX default/);
  await expect(policies.batchingCard.getByTestId("batching-effective-time")).toHaveText(/00:05:00/);

  await policies.fill(policies.batchingField("MaximumBatchingTimeSpan"), "30s");
  await expect(policies.batchingPreview).toHaveText(
    `.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:30","MaximumNumberOfItems":500,"MaximumRawDataSizeMB":1024}'`,
  );
  await expect(policies.batchingForm).toContainText("can take a few minutes to take effect");
  await policies.batchingForm.getByRole("button", { name: "Apply batching" }).click();
  await expect(policies.batchingForm.getByRole("status")).toContainText(
    "Applied: .alter table Staging policy ingestionbatching",
  );
  await expect(policies.batchingCard.getByTestId("batching-effective-time")).toHaveText(/00:00:30/);
  await expect(policies.batchingCard.getByTestId("batching-source")).toHaveText("Set on Staging");

  // Messages sent now are sealed by the 30-second limit; the chart (refreshing every 15 s) shows that batch.
  await sendSimulatedMessages(engineToken, 5);
  await expect(policies.batchesSection.getByTestId("batches-summary")).toContainText("last sealed by its time limit", {
    timeout: 90_000,
  });
  await expect(policies.batchesSection.getByTestId("batches-chart").locator("svg.recharts-surface")).toBeVisible();
  await policies.batchesSection.getByText("Show the data as a table").click();
  await expect(policies.batchesSection.getByRole("table").getByRole("row").last()).toContainText(
    /time limit.*\b(2\d|3\d) s\b/,
  );

  await expect(policies.historySection.getByRole("row").nth(1)).toContainText("Ingestion batching (Staging)");
});

test("invalid values are refused with messages naming the limit, before anything is sent", async ({ page }) => {
  await signInAs(page, "admin");
  const policies = new PoliciesPage(page);
  await policies.goto();
  const items = policies.batchingField("MaximumNumberOfItems");
  await policies.fill(items, "30000");
  expect(await policies.errorOf(items)).toMatch(/at most 25,000 items/);
  await expect(items).toHaveAttribute("aria-invalid", "true");
  const time = policies.batchingField("MaximumBatchingTimeSpan");
  await policies.fill(time, "5s");
  expect(await policies.errorOf(time)).toMatch(/at least 00:00:10 \(10 seconds\)/);
  await expect(policies.batchingPreview).toHaveText("Fix the values above to see the command.");
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") requests.push(r.url());
  });
  await policies.batchingForm.getByRole("button", { name: "Apply batching" }).click();
  expect(requests).toEqual([]);

  await policies.fill(policies.softDelete, "400000d");
  expect(await policies.errorOf(policies.softDelete)).toMatch(/at most 365000\.00:00:00/);
});

test("retention edit with the exact command previewed", async ({ page }) => {
  await signInAs(page, "admin");
  const policies = new PoliciesPage(page);
  await policies.goto();
  await policies.fill(policies.softDelete, "7d");
  await expect(policies.retentionPreview).toHaveText(".alter-merge table Staging policy retention softdelete = 7d");
  await policies.fill(policies.softDelete, "0s");
  await expect(policies.retentionPreview).toHaveText(
    ".alter-merge table Staging policy retention softdelete = 0s recoverability = disabled",
  );
  await policies.retentionForm.getByRole("button", { name: "Apply retention" }).click();
  await expect(policies.retentionForm.getByRole("status")).toContainText("Applied: .alter-merge table Staging");
  await expect(policies.retentionCard.getByTestId("retention-effective")).toHaveText(/^00:00:00/);
  await expect(policies.retentionCard.getByTestId("retention-source")).toHaveText("Set on Staging");
  await expect(policies.retentionCard).toContainText(/All 3 update policies reading Staging are transactional/);
});

test("a viewer sees the values read-only and the API answers 403 to changes", async ({ page, request }) => {
  await signInAs(page, "viewer");
  const policies = new PoliciesPage(page);
  await policies.goto();
  await expect(policies.batchingCard.getByTestId("batching-source")).toBeVisible();
  await expect(policies.main.getByRole("form")).toHaveCount(0);
  await expect(policies.main.getByRole("textbox")).toHaveCount(0);
  await expect(policies.main.getByRole("button", { name: /Apply/ })).toHaveCount(0);

  const token = await viewerApiToken();
  for (const [path, body] of [
    ["/api/policies/batching", { mode: "inherit" }],
    ["/api/policies/retention", { softDelete: "0s" }],
  ] as const) {
    const response = await request.post(path, { data: body, headers: { authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ code: "forbidden:auth" });
  }
});
