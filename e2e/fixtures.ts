import AxeBuilder from "@axe-core/playwright";
import { test as base } from "@playwright/test";
import { AppShell } from "./pages/app-shell";

export { expect } from "@playwright/test";

interface Fixtures {
  shell: AppShell;
  /** Runs axe on the current page and returns the serious and critical violations (ids and where they occur). */
  seriousA11yViolations: () => Promise<{ id: string; impact: string; targets: string[] }[]>;
}

export const test = base.extend<Fixtures>({
  shell: async ({ page }, provide) => {
    await provide(new AppShell(page));
  },
  seriousA11yViolations: async ({ page }, provide) => {
    await provide(async () => {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      return results.violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map((violation) => ({
          id: violation.id,
          impact: violation.impact ?? "",
          targets: violation.nodes.map((node) => node.target.join(" ")),
        }));
    });
  },
});
