import { defineConfig, devices } from "@playwright/test";
import {
  CONNECTED_CLUSTER_HOST,
  connectedBaseURL,
  connectedPort,
  localAdxURL,
  localBaseURL,
  localEntraURL,
  localPort,
  setupAAdxURL,
  setupABaseURL,
  setupAEntraURL,
  setupAPort,
  streamRate,
} from "./e2e/servers";

// End-to-end tests against the production build (`next build` + `next start`), never `next dev`, with the same
// local services `npm start` runs (scripts/start.ts), each run in a fresh temporary data folder.
// Browsers cannot be downloaded on our machines: Playwright drives Debian's Chromium (platform-notes §3).

const portOf = (url: string) => new URL(url).port;

/** Whatever the developer's shell or .env holds, these servers run exactly the configuration below. */
const cleanEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  KUSTO_CLUSTER_URL: "",
  LOCAL_MODE: "",
  ENTRA_TENANT_ID: "",
  ENTRA_API_CLIENT_ID: "",
  ENTRA_API_CLIENT_SECRET: "",
  ENTRA_SPA_CLIENT_ID: "",
  ENTRA_AUTHORITY_HOST: "",
  LOCAL_ENTRA_HTTPS: "",
  LOCAL_STREAM_RATE: "",
};

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  // The machines are 2 shared cores; a first sign-in (MSAL start-up, the redirect round trip) can take seconds.
  expect: { timeout: 10_000 },
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
  // Started one after the other, in this order; each is ready when its URL answers.
  webServer: [
    {
      name: "local",
      // `npm start` itself: builds only when sources changed since the last build, then the IdP (setup B), the
      // engine (auth on), optionally the stream (E2E_STREAM), and the app — each after the previous is ready.
      command: `node --import tsx scripts/start.ts --temp-data ${streamRate ? `--stream-rate ${streamRate}` : "--no-stream"}`,
      url: `${localBaseURL}/api/health`,
      env: {
        ...cleanEnv,
        PORT: String(localPort),
        LOCAL_ENTRA_PORT: portOf(localEntraURL),
        LOCAL_ADX_PORT: portOf(localAdxURL),
      },
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      // Show the build's and the services' output: a failed start explains itself there.
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
    {
      name: "setup-a",
      // The canary of MSAL's real discovery path (platform-notes §4.2): the IdP over https with a generated CA;
      // scripts/start.ts gives the app and engine NODE_EXTRA_CA_CERTS = system bundle + that CA.
      command: "node --import tsx scripts/start.ts --temp-data --https --no-stream",
      url: `${setupABaseURL}/api/health`,
      env: {
        ...cleanEnv,
        PORT: String(setupAPort),
        LOCAL_ENTRA_PORT: portOf(setupAEntraURL),
        LOCAL_ADX_PORT: portOf(setupAAdxURL),
      },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
    {
      name: "connected",
      // Same build, only the environment differs (one build, two modes). Nothing here is ever contacted: the
      // sign-in screen needs no network, and no test signs in against Entra ID.
      command: `node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${connectedPort}`,
      url: `${connectedBaseURL}/api/health`,
      env: {
        ...cleanEnv,
        KUSTO_CLUSTER_URL: `https://${CONNECTED_CLUSTER_HOST}`,
        ENTRA_TENANT_ID: "00000000-0000-4000-8000-000000000001",
        ENTRA_API_CLIENT_ID: "00000000-0000-4000-8000-000000000002",
        ENTRA_API_CLIENT_SECRET: "e2e-not-a-real-secret",
        ENTRA_SPA_CLIENT_ID: "00000000-0000-4000-8000-000000000003",
      },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
