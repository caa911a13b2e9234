import { expect, type Locator, type Page } from "@playwright/test";

/** The policies page (`/policies`): retention and batching cards, their forms, the batches chart and the history. */
export class PoliciesPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/policies");
    await expect(this.page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
  }

  get main(): Locator {
    return this.page.getByRole("main");
  }

  get retentionCard(): Locator {
    return this.main.getByRole("region", { name: "Retention" });
  }

  get batchingCard(): Locator {
    return this.main.getByRole("region", { name: "Ingestion batching" });
  }

  get batchesSection(): Locator {
    return this.main.getByRole("region", { name: /^Batches sealed on / });
  }

  /** The batches chart's plot itself; recharts also draws each legend icon as an `svg.recharts-surface`. */
  get batchesPlot(): Locator {
    return this.batchesSection.getByTestId("batches-chart").locator(".recharts-wrapper > svg.recharts-surface");
  }

  get historySection(): Locator {
    return this.main.getByRole("region", { name: "History of policy changes" });
  }

  get retentionForm(): Locator {
    return this.main.getByRole("form", { name: "Edit retention" });
  }

  get batchingForm(): Locator {
    return this.main.getByRole("form", { name: "Edit ingestion batching" });
  }

  get retentionPreview(): Locator {
    return this.main.getByTestId("retention-preview");
  }

  get batchingPreview(): Locator {
    return this.main.getByTestId("batching-preview");
  }

  batchingField(name: "MaximumBatchingTimeSpan" | "MaximumNumberOfItems" | "MaximumRawDataSizeMB"): Locator {
    return this.batchingForm.getByLabel(new RegExp(`\\(${name}\\)`));
  }

  get softDelete(): Locator {
    return this.retentionForm.getByLabel("Soft-delete period (SoftDeletePeriod)");
  }

  /** Types a value into a field and leaves it, so the form validates it. */
  async fill(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.blur();
  }

  /** The error message linked to a field through aria-describedby. */
  async errorOf(field: Locator): Promise<string> {
    const ids = ((await field.getAttribute("aria-describedby")) ?? "")
      .split(/\s+/)
      .filter((id) => id.endsWith("-error"));
    if (ids.length === 0) return "";
    return (await this.page.locator(`[id="${ids[0]}"]`).textContent()) ?? "";
  }
}
