import { expect, type Locator, type Page } from "@playwright/test";

/** The health page (`/health`): range switch, auto-refresh, rows chart, totals, freshness, lag and failures. */
export class HealthPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/health");
    await expect(this.page.getByRole("heading", { level: 1, name: "Health" })).toBeVisible();
  }

  get main(): Locator {
    return this.page.getByRole("main");
  }

  range(range: "1h" | "24h" | "7d"): Locator {
    return this.main.getByRole("group", { name: "Time range" }).getByRole("button", { name: range, exact: true });
  }

  get autoRefresh(): Locator {
    return this.main.getByRole("button", { name: "Auto-refresh" });
  }

  section(title: "Rows per table" | "Freshness" | "End-to-end lag" | "Ingestion failures"): Locator {
    return this.main.getByRole("region", { name: title });
  }

  get rowsChart(): Locator {
    return this.main.getByTestId("rows-chart");
  }

  get lagChart(): Locator {
    return this.main.getByTestId("lag-chart");
  }

  get totals(): Locator {
    return this.main.getByRole("table", { name: "Rows per table in the range" });
  }

  get freshness(): Locator {
    return this.main.getByRole("table", { name: "Freshness per table" });
  }

  /** A chart's plot itself; recharts also draws each legend icon as an `svg.recharts-surface`. */
  plotOf(chart: Locator): Locator {
    return chart.locator(".recharts-wrapper > svg.recharts-surface");
  }

  /** Opens a chart's table alternative and returns the table. */
  async tableOf(chart: Locator): Promise<Locator> {
    await chart.getByText("Show the data as a table").click();
    return chart.getByRole("table");
  }
}
