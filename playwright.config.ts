import { defineConfig, devices } from "@playwright/test";
import { CONNECTED_CLUSTER_HOST, connectedBaseURL, connectedPort, localBaseURL, localPort } from "./e2e/servers";

// End-to-end tests against the production build (`next build` + `next start`), never `next dev`.
// Browsers cannot be downloaded on our machines: Playwright drives Debian's Chromium (platform-notes §3).

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  use: {
    baseURL: localBaseURL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          // No GPU in CI; no QUIC; and no DNS except loopback, so a test can never reach the internet by accident.
          args: [
            "--disable-gpu",
            "--disable-quic",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      name: "local",
      // `npm start`'s own script: builds only when sources changed since the last build, then `next start`.
      command: "node --import tsx scripts/start.ts",
      url: `${localBaseURL}/api/health`,
      env: {
        PORT: String(localPort),
        NEXT_TELEMETRY_DISABLED: "1",
        // Whatever the developer's shell holds, this server runs in local mode.
        KUSTO_CLUSTER_URL: "",
        LOCAL_MODE: "",
      },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      // Show the build's output too: a failed build explains itself in stdout.
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
    {
      name: "connected",
      // Same build, started after the first server built it; only the environment differs (one build, two modes).
      command: `node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${connectedPort}`,
      url: `${connectedBaseURL}/api/health`,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        KUSTO_CLUSTER_URL: `https://${CONNECTED_CLUSTER_HOST}`,
        ENTRA_TENANT_ID: "00000000-0000-4000-8000-000000000001",
        ENTRA_API_CLIENT_ID: "00000000-0000-4000-8000-000000000002",
        ENTRA_API_CLIENT_SECRET: "e2e-not-a-real-secret",
        LOCAL_MODE: "",
      },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
