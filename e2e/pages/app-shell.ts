import { expect, type Locator, type Page } from "@playwright/test";

export type Section = "Tables" | "Health" | "Policies";

export const SECTION_PATHS: Record<Section, string> = {
  Tables: "/tables",
  Health: "/health",
  Policies: "/policies",
};

/** The header, primary navigation and main landmark every page shares. */
export class AppShell {
  constructor(readonly page: Page) {}

  get banner(): Locator {
    return this.page.getByRole("banner");
  }

  get primaryNav(): Locator {
    return this.page.getByRole("navigation", { name: "Primary" });
  }

  get main(): Locator {
    return this.page.getByRole("main");
  }

  get heading(): Locator {
    return this.main.getByRole("heading", { level: 1 });
  }

  get skipLink(): Locator {
    return this.page.getByRole("link", { name: "Skip to content" });
  }

  get modeIndicator(): Locator {
    return this.banner.getByText(/^(Local mode|Connected: .+)$/);
  }

  /** The header's account button (`<summary>` of the account menu), named after the signed-in user. */
  get accountButton(): Locator {
    return this.banner.locator("summary");
  }

  get accountPanel(): Locator {
    return this.banner.getByRole("group", { name: "Account" });
  }

  get signOutButton(): Locator {
    return this.accountPanel.getByRole("button", { name: "Sign out" });
  }

  /** Opens the account menu (a native <details>) unless it is open already. */
  async openAccountMenu(): Promise<void> {
    if (!(await this.accountPanel.isVisible())) await this.accountButton.click();
    await expect(this.accountPanel).toBeVisible();
  }

  /** Waits until the console shows a signed-in user: header, navigation and the account button. */
  async expectSignedIn(name?: string): Promise<void> {
    await expect(this.primaryNav).toBeVisible();
    if (name) await expect(this.accountButton).toHaveAccessibleName(`Account: ${name}`);
    else await expect(this.accountButton).toBeVisible();
  }

  navLink(section: Section): Locator {
    return this.primaryNav.getByRole("link", { name: section, exact: true });
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
  }

  /** Follows a primary navigation link and waits for the section's page to be shown. */
  async navigateTo(section: Section): Promise<void> {
    await this.navLink(section).click();
    await expect(this.page).toHaveURL(new RegExp(`${SECTION_PATHS[section]}$`));
    await expect(this.heading).toHaveText(section);
  }

  /** Asserts that exactly `section` is marked as the current page in the navigation. */
  async expectCurrent(section: Section): Promise<void> {
    for (const other of Object.keys(SECTION_PATHS) as Section[]) {
      if (other === section) await expect(this.navLink(other)).toHaveAttribute("aria-current", "page");
      else await expect(this.navLink(other)).not.toHaveAttribute("aria-current");
    }
  }
}
