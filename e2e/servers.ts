// Addresses of the servers playwright.config.ts starts; shared by the config, the fixtures and the specs.
// Ports differ from npm start's defaults (3000/4080/8080), so a developer's running console is never touched.
const base = Number(process.env.E2E_PORT ?? 3100);

/** The local stack: IdP (setup B, plain http), engine with auth on, app in local mode. */
export const localPort = base;
export const localBaseURL = `http://127.0.0.1:${localPort}`;
export const localEntraURL = `http://127.0.0.1:${Number(process.env.E2E_ENTRA_PORT ?? 14080)}`;
export const localAdxURL = `http://127.0.0.1:${Number(process.env.E2E_ADX_PORT ?? 18080)}`;

/** The same build in connected mode; it never contacts Entra ID or the cluster. */
export const connectedPort = base + 1;
export const connectedBaseURL = `http://127.0.0.1:${connectedPort}`;

/** Setup A canary: the IdP over https with a generated CA, MSAL discovering it itself. */
export const setupAPort = base + 2;
export const setupABaseURL = `http://127.0.0.1:${setupAPort}`;
export const setupAEntraURL = `https://127.0.0.1:${Number(process.env.E2E_ENTRA_HTTPS_PORT ?? 14443)}`;
export const setupAAdxURL = `http://127.0.0.1:${Number(process.env.E2E_ADX_HTTPS_PORT ?? 18081)}`;

/** The connected-mode server's cluster. Nothing contacts it in e2e. */
export const CONNECTED_CLUSTER_HOST = "mycluster.westeurope.kusto.windows.net";

/** The local engine's database (the app's KUSTO_DATABASE default). */
export const DATABASE = "Defender";

/**
 * `E2E_STREAM=1` (or a rate: `E2E_STREAM=20`) also runs the stream simulator against the local stack's engine, for
 * specs that want live data without pushing it themselves (see the `streamEvents` fixture for a bounded push).
 */
export const streamRate = (() => {
  const raw = process.env.E2E_STREAM;
  if (!raw || raw === "0") return undefined;
  const rate = raw === "1" ? 10 : Number(raw);
  return Number.isFinite(rate) && rate > 0 ? rate : 10;
})();
