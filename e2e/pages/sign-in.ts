import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_USERS, type DemoUserKey } from "@/local/entra/directory";

/** The console's sign-in screen (signed-out users see only this) and the local IdP's account picker. */
export class SignInPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Defender ADX Console" });
  }

  /** "Sign in" in local mode, "Sign in with Microsoft" in connected mode. */
  get signInButton(): Locator {
    return this.page.getByRole("button", { name: /^Sign in( with Microsoft)?$/ });
  }

  get unavailableHeading(): Locator {
    return this.page.getByRole("heading", { name: "Sign-in is unavailable" });
  }

  /** The local identity provider's picker page (served by local/entra on its own origin). */
  get pickerHeading(): Locator {
    return this.page.getByRole("heading", { name: "Pick an account" });
  }

  pickerButton(user: DemoUserKey): Locator {
    const demo = DEMO_USERS.find((candidate) => candidate.key === user);
    if (!demo) throw new Error(`unknown demo user ${user}`);
    return this.page.getByRole("button", { name: new RegExp(demo.upn.replace(/[.]/g, "\\.")) });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.signInButton).toBeEnabled();
  }

  /**
   * The real flow: the console's button → msal-browser's loginRedirect → the IdP's picker → the redirect bridge →
   * back to the page that started it. Resolves once the IdP has handed the code back (the caller waits for the UI).
   */
  async signInAs(user: DemoUserKey, idpOrigin: string): Promise<void> {
    await this.expectShown();
    await this.signInButton.click();
    await expect(this.page).toHaveURL((url) => url.origin === idpOrigin);
    await expect(this.pickerHeading).toBeVisible();
    await this.pickerButton(user).click();
    await expect(this.page).not.toHaveURL((url) => url.origin === idpOrigin);
  }
}
