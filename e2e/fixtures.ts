import AxeBuilder from "@axe-core/playwright";
import { test as base, type Page } from "@playwright/test";
import { Client, KustoConnectionStringBuilder } from "azure-kusto-data";
import { buildSetupScript } from "@/kql/generate/script";
import { clientCredentials, onBehalfOf, signInHeadless } from "@/local/entra/dev-client";
import {
  API_SCOPE,
  DEMO_USERS,
  type DemoUserKey,
  STREAM_CLIENT_ID,
  STREAM_CLIENT_SECRET,
} from "@/local/entra/directory";
import { createEngineSink } from "@/local/stream/engine-sink";
import { runStream, type StreamStatus } from "@/local/stream/run-stream";
import type { TableWeights } from "@/local/stream/table-mix";
import { AppShell } from "./pages/app-shell";
import { SignInPage } from "./pages/sign-in";
import { DATABASE, localAdxURL, localEntraURL } from "./servers";

export { expect } from "@playwright/test";

export type DemoRole = DemoUserKey;

/** Display name of a demo user, as the account menu shows it. */
export function demoUser(role: DemoRole) {
  const user = DEMO_USERS.find((candidate) => candidate.key === role);
  if (!user) throw new Error(`unknown demo user ${role}`);
  return user;
}

/**
 * Signs `role` in through the REAL flow — the console's sign-in screen, msal-browser's redirect to the local IdP's
 * account picker, the redirect bridge, back — then waits for the signed-in shell. Starts at `path` (default `/`,
 * which lands on Tables) and ends there. MSAL keeps its cache in sessionStorage (per tab), so every test signs in
 * on its own page; it takes about a second.
 */
export async function signIn(
  page: Page,
  role: DemoRole,
  options: { path?: string; idpURL?: string } = {},
): Promise<AppShell> {
  const shell = new AppShell(page);
  await page.goto(options.path ?? "/");
  await new SignInPage(page).signInAs(role, new URL(options.idpURL ?? localEntraURL).origin);
  await shell.expectSignedIn(demoUser(role).name);
  return shell;
}

interface Fixtures {
  shell: AppShell;
  signInPage: SignInPage;
  /** A page signed in as Avery Admin (Console.Admin); the fixture is the page's shell. */
  asAdmin: AppShell;
  /** A page signed in as Vic Viewer (Console.Viewer). */
  asViewer: AppShell;
  /**
   * An access token for the console API as a demo user, from the local IdP's real authorize page and token
   * endpoint (no browser). For API calls: `request.get(url, { headers: { authorization: `Bearer ${token}` } })`.
   */
  apiToken: (role: DemoRole) => Promise<string>;
  /**
   * An official `azure-kusto-data` client for the local engine acting as a demo user (their API token swapped
   * On-Behalf-Of, as the console does) — to prepare or check cluster state around a UI step.
   */
  kustoAs: (role: DemoRole) => Promise<Client>;
  /**
   * Pushes `count` simulated Defender events into the local engine's queued intake (Staging) as the stream app,
   * and resolves once all are accepted. Needs Staging and its mapping to exist (apply the Staging setup first);
   * rejects after `timeoutMs` otherwise. Rows reach the target tables when the batching policy seals the batch.
   */
  streamEvents: (options: {
    count: number;
    tables?: TableWeights;
    seed?: string;
    timeoutMs?: number;
  }) => Promise<StreamStatus>;
  /** Runs axe on the current page and returns the serious and critical violations (ids and where they occur). */
  seriousA11yViolations: () => Promise<{ id: string; impact: string; targets: string[] }[]>;
}

export const test = base.extend<Fixtures>({
  shell: async ({ page }, provide) => {
    await provide(new AppShell(page));
  },
  signInPage: async ({ page }, provide) => {
    await provide(new SignInPage(page));
  },
  asAdmin: async ({ page }, provide) => {
    await provide(await signIn(page, "admin"));
  },
  asViewer: async ({ page }, provide) => {
    await provide(await signIn(page, "viewer"));
  },
  apiToken: async ({}, provide) => {
    const cache = new Map<DemoRole, Promise<string>>();
    await provide((role) => {
      let token = cache.get(role);
      if (!token) {
        token = signInHeadless({ idpUrl: localEntraURL, user: role, scopes: [API_SCOPE] }).then(
          (set) => set.access_token,
        );
        cache.set(role, token);
      }
      return token;
    });
  },
  kustoAs: async ({ apiToken }, provide) => {
    const clients: Client[] = [];
    await provide(async (role) => {
      const { access_token } = await onBehalfOf(localEntraURL, await apiToken(role), localAdxURL);
      const client = new Client(KustoConnectionStringBuilder.withAccessToken(localAdxURL, access_token));
      clients.push(client);
      return client;
    });
    for (const client of clients) client.close();
  },
  streamEvents: async ({}, provide) => {
    await provide(async ({ count, tables, seed, timeoutMs = 30_000 }) => {
      let token: string | undefined;
      const sink = createEngineSink({
        engineUrl: localAdxURL,
        database: DATABASE,
        table: "Staging",
        mappingName: "StagingMapping",
        token: async () =>
          (token ??= (await clientCredentials(localEntraURL, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET, localAdxURL))
            .access_token),
      });
      const signal = AbortSignal.timeout(timeoutMs);
      const status = await runStream({
        sink,
        count,
        tables,
        seed: seed ?? "e2e",
        rate: Math.max(count, 1),
        signal,
        backoff: { initialMs: 100, maxMs: 1_000 },
      }).done;
      if (status.delivered.records < count)
        throw new Error(
          `Only ${status.delivered.records} of ${count} events were accepted in ${timeoutMs} ms ` +
            `(${status.notReadyResponses} not-ready answers; does Staging exist?${status.lastError ? ` last error: ${status.lastError}` : ""})`,
        );
      return status;
    });
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

/** Role-scoped tests: `testAs("viewer")` gives a `test` whose `shell` is already signed in as that user. */
export function testAs(role: DemoRole) {
  return test.extend<{ shell: AppShell }>({
    shell: async ({ page }, provide) => {
      await provide(await signIn(page, role));
    },
  });
}

/**
 * Applies the console's generated setup script (the exact commands `npm run --silent export-kql -- --tables …`
 * prints: Staging, its mapping, retention 0s, batching 30 s, then each table's function, table and update policy)
 * through `kusto`, one command at a time. Every command is idempotent, so specs call it to reach a known state.
 */
export async function applySetupScript(kusto: Client, tables: readonly string[]): Promise<void> {
  for (const command of buildSetupScript({ tables })) await kusto.executeMgmt(DATABASE, command.text);
}
