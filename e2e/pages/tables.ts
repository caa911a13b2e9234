import { expect, type Locator, type Page } from "@playwright/test";

/** The tables checklist (`/tables`): summary, Staging card, filters, one table per family, the enable dialog. */
export class TablesPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/tables");
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1, name: "Tables" })).toBeVisible();
    // The first read of a fresh engine can take a while on a busy machine.
    await expect(this.checklist.getByRole("table").first()).toBeVisible({ timeout: 30_000 });
  }

  get main(): Locator {
    return this.page.getByRole("main");
  }

  get stagingCard(): Locator {
    return this.main.getByRole("region", { name: /^Staging table/ });
  }

  /** One Staging prerequisite's line, e.g. "Ingestion mapping". */
  prerequisite(label: string): Locator {
    return this.stagingCard.getByRole("listitem").filter({ hasText: new RegExp(`^${label}:`) });
  }

  /** "Met" or "Not met" for one prerequisite. */
  prerequisiteState(label: string): Locator {
    return this.prerequisite(label).getByText(/^(Met|Not met)$/);
  }

  get setUpStagingButton(): Locator {
    return this.stagingCard.getByRole("button", { name: "Set up Staging" });
  }

  get checklist(): Locator {
    return this.main.getByRole("region", { name: "Defender tables" });
  }

  get statusFilter(): Locator {
    return this.checklist.getByLabel("Status");
  }

  get familyFilter(): Locator {
    return this.checklist.getByLabel("Family");
  }

  get showing(): Locator {
    return this.checklist.getByText(/^Showing \d+ of \d+ tables$/);
  }

  /** A table's row in the checklist (its row header is the table's name). */
  row(table: string): Locator {
    return this.checklist.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: table }) });
  }

  /** The status badge text of a table's row (second data cell: after the optional checkbox column). */
  status(table: string): Locator {
    return this.row(table).getByText(/^(Not set up|Partial|Drifted|Waiting for data|Healthy|Stale|Failing)$/);
  }

  checkbox(table: string): Locator {
    return this.checklist.getByRole("checkbox", { name: `Select ${table}`, exact: true });
  }

  selectAll(familyLabel: string): Locator {
    return this.checklist.getByRole("checkbox", { name: `Select all ${familyLabel} tables` });
  }

  get enableSelectedButton(): Locator {
    return this.checklist.getByRole("button", { name: /^Enable selected/ });
  }

  get downloadButton(): Locator {
    return this.checklist.getByRole("button", { name: "Download setup script" });
  }

  get dialog(): Locator {
    return this.page.getByRole("dialog");
  }
}
