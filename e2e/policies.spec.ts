import type { Client } from "azure-kusto-data";
import { applySetupScript, expect, signIn, test } from "./fixtures";
import { PoliciesPage } from "./pages/policies";
import { DATABASE } from "./servers";

// One engine serves every spec of a run, so each test first puts Staging and the tables it reads into a known state.
const TABLES = ["DeviceProcessEvents", "AlertInfo", "AlertEvidence"] as const;

/** How many update policies read Staging, from the engine itself (other specs may have enabled more tables). */
async function updatePoliciesReadingStaging(kusto: Client): Promise<number> {
  const result = await kusto.executeMgmt(DATABASE, ".show table * policy update");
  let count = 0;
  for (const row of result.primaryResults[0]?.rows() ?? []) {
    const policy = row.toJSON<{ Policy?: unknown }>().Policy;
    // A JSON string in ADX's answer; tables without an update policy answer `null`.
    const parsed: unknown = typeof policy === "string" ? JSON.parse(policy) : policy;
    const entries = (Array.isArray(parsed) ? parsed : []) as { Source?: string }[];
    count += entries.filter((entry) => entry.Source === "Staging").length;
  }
  return count;
}

test.setTimeout(60_000);

test.beforeEach(async ({ kustoAs }) => {
  await applySetupScript(await kustoAs("admin"), TABLES);
});

test("admin sets batching to 30 seconds: it becomes the effective policy and the batches chart follows", async ({
  page,
  kustoAs,
  streamEvents,
}) => {
  test.setTimeout(180_000);
  // Without a table policy (and none on the database) ADX's default applies, which the page must say.
  await (await kustoAs("admin")).executeMgmt(DATABASE, ".delete table Staging policy ingestionbatching");

  await signIn(page, "admin", { path: "/policies" });
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

  // Events sent now are sealed by the 30-second limit; the chart (refreshing every 15 s) shows that batch.
  await streamEvents({ count: 25, tables: Object.fromEntries(TABLES.map((t) => [t, 1])) });
  await expect(policies.batchesSection.getByTestId("batches-summary")).toContainText("last sealed by its time limit", {
    timeout: 90_000,
  });
  await expect(policies.batchesPlot).toBeVisible();
  await policies.batchesSection.getByText("Show the data as a table").click();
  // The newest batch: sealed by the time limit, having added about the 30 s it waited (cells: reason … delay).
  const newest = policies.batchesSection.getByRole("table").getByRole("row").last().getByRole("cell");
  await expect(newest.first()).toHaveText("time limit");
  await expect(newest.last()).toHaveText(/^(2\d|3\d) s$/);

  await expect(policies.historySection.getByRole("row").nth(1)).toContainText("Ingestion batching (Staging)");
});

test("invalid values are refused with messages naming the limit, before anything is sent", async ({ page }) => {
  await signIn(page, "admin", { path: "/policies" });
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

test("retention edit with the exact command previewed", async ({ page, kustoAs }) => {
  const kusto = await kustoAs("admin");
  // Start from a retention other than the one applied below, so the apply visibly changes it.
  await kusto.executeMgmt(DATABASE, ".alter-merge table Staging policy retention softdelete = 1d");
  const readers = await updatePoliciesReadingStaging(kusto);
  expect(readers).toBeGreaterThanOrEqual(TABLES.length);

  await signIn(page, "admin", { path: "/policies" });
  const policies = new PoliciesPage(page);
  await policies.goto();
  await expect(policies.retentionCard.getByTestId("retention-effective")).toHaveText(/^1\.00:00:00/);
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
  await expect(policies.retentionCard).toContainText(
    `All ${readers} update policies reading Staging are transactional`,
  );
});

test("a viewer sees the values read-only and the API answers 403 to changes", async ({ page, request, apiToken }) => {
  await signIn(page, "viewer", { path: "/policies" });
  const policies = new PoliciesPage(page);
  await policies.goto();
  await expect(policies.batchingCard.getByTestId("batching-source")).toBeVisible();
  await expect(policies.retentionCard.getByTestId("retention-effective")).toBeVisible();
  await expect(policies.main.getByRole("form")).toHaveCount(0);
  await expect(policies.main.getByRole("textbox")).toHaveCount(0);
  await expect(policies.main.getByRole("button", { name: /Apply/ })).toHaveCount(0);

  const headers = { authorization: `Bearer ${await apiToken("viewer")}` };
  for (const [path, body] of [
    ["/api/policies/batching", { mode: "inherit" }],
    ["/api/policies/retention", { softDelete: "0s" }],
  ] as const) {
    const response = await request.post(path, { data: body, headers });
    expect(response.status(), path).toBe(403);
    expect(await response.json()).toMatchObject({ code: "forbidden:auth" });
  }
});
