import { expect, type Locator, type Page } from "@playwright/test";

/** One table's page (`/tables/[name]`): status, plan and apply, differences, generated KQL, columns, history. */
export class TableDetailPage {
  constructor(
    readonly page: Page,
    readonly table: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`/tables/${this.table}`);
    await expect(this.page.getByRole("heading", { level: 1, name: this.table })).toBeVisible();
    await expect(this.statusCard).toBeVisible({ timeout: 30_000 });
  }

  get main(): Locator {
    return this.page.getByRole("main");
  }

  get statusCard(): Locator {
    return this.main.getByRole("region", { name: "Status" });
  }

  get statusBadge(): Locator {
    return this.statusCard.getByText(/^(Not set up|Partial|Drifted|Waiting for data|Healthy|Stale|Failing)$/);
  }

  get planCard(): Locator {
    return this.main.getByRole("region", { name: "Plan" });
  }

  get applyButton(): Locator {
    return this.planCard.getByRole("button", { name: /^Apply \d+ commands?$/ });
  }

  get differences(): Locator {
    return this.main.getByRole("region", { name: "Differences" });
  }

  get generatedKql(): Locator {
    return this.main.getByRole("region", { name: "Generated KQL" });
  }

  tab(name: "Function" | "Table" | "Update policy"): Locator {
    return this.generatedKql.getByRole("tab", { name });
  }

  /** The plain-text twin of the KQL viewer (what screen readers read; the editor shows the same text). */
  get kqlText(): Locator {
    return this.generatedKql.getByTestId("kql-text");
  }

  get monacoEditor(): Locator {
    return this.generatedKql.locator(".monaco-editor");
  }

  get columns(): Locator {
    return this.main.getByRole("region", { name: /^Columns/ });
  }

  get history(): Locator {
    return this.main.getByRole("region", { name: "Change history" });
  }
}
