import { expect, type Locator, type Page } from "@playwright/test";
import { buildSetupScript } from "@/kql/generate/script";
import { onBehalfOf, signInHeadless } from "@/local/entra/dev-client";
import { API_SCOPE } from "@/local/entra/directory";
import { createEventGenerator } from "@/local/stream/generator";
import { createEngineSink } from "@/local/stream/engine-sink";

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

// Node-side helpers for the health and policies specs (they belong in fixtures.ts once sign-in lands there): real
// tokens from the local IdP (the headless flow of `npm run local-token`), the engine's Kusto REST endpoint for setup,
// and the stream simulator's own generator for data.

export const IDP_URL = process.env.LOCAL_ENTRA_URL ?? `http://127.0.0.1:${process.env.LOCAL_ENTRA_PORT ?? 4080}`;
export const ENGINE_URL = process.env.LOCAL_ADX_URL ?? `http://127.0.0.1:${process.env.LOCAL_ADX_PORT ?? 8080}`;
const DATABASE = "Defender";
const TABLES = ["DeviceProcessEvents", "AlertInfo", "AlertEvidence"];

/** The admin's token for the console API and, On-Behalf-Of, for the engine. */
export async function adminTokens(): Promise<{ api: string; engine: string }> {
  const api = (await signInHeadless({ idpUrl: IDP_URL, user: "admin", scopes: [API_SCOPE] })).access_token;
  const engine = (await onBehalfOf(IDP_URL, api, ENGINE_URL)).access_token;
  return { api, engine };
}

/** A viewer's token for the console API (for the 403 checks). */
export async function viewerApiToken(): Promise<string> {
  return (await signInHeadless({ idpUrl: IDP_URL, user: "viewer", scopes: [API_SCOPE] })).access_token;
}

async function mgmt(token: string, csl: string): Promise<void> {
  const response = await fetch(`${ENGINE_URL}/v1/rest/mgmt`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ db: DATABASE, csl }),
  });
  if (!response.ok) throw new Error(`${csl.slice(0, 80)} → ${response.status} ${await response.text()}`);
}

/**
 * Sets up Staging (mapping, retention 0s) and three tables with the console's own generated script, then removes
 * Staging's batching policy so ADX's default (5 minutes) applies until a spec changes it. Idempotent.
 */
export async function setUpPipeline(engineToken: string): Promise<void> {
  for (const command of buildSetupScript({ tables: TABLES })) await mgmt(engineToken, command.text);
  await mgmt(engineToken, ".delete table Staging policy ingestionbatching");
}

/** Sends `count` simulated Defender messages (the stream simulator's generator) to Staging's intake. */
export async function sendSimulatedMessages(engineToken: string, count: number): Promise<void> {
  const generator = createEventGenerator({
    tables: Object.fromEntries(TABLES.map((t) => [t, 1])),
    recordsPerMessage: 5,
    clock: Date.now,
  });
  const sink = createEngineSink({
    engineUrl: ENGINE_URL,
    database: DATABASE,
    table: "Staging",
    mappingName: "StagingMapping",
    token: async () => engineToken,
  });
  for (let i = 0; i < count; i++) {
    const outcome = await sink(generator.nextMessage());
    if (outcome !== "accepted") throw new Error(`The intake did not accept message ${i}: ${outcome}`);
  }
}

/** Signs in through the app's sign-in screen and the local IdP's account picker. */
export async function signInAs(page: Page, user: "admin" | "viewer"): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: /^Sign in/ }).click();
  await page.getByRole("button", { name: user === "admin" ? /Avery Admin/ : /Vic Viewer/ }).click();
  await page.getByRole("navigation", { name: "Primary" }).waitFor();
}
