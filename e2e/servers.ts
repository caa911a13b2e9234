// Addresses of the servers playwright.config.ts starts; shared by the config and the specs.
const port = Number(process.env.E2E_PORT ?? 3100);

export const localPort = port;
export const connectedPort = port + 1;
export const localBaseURL = `http://127.0.0.1:${localPort}`;
export const connectedBaseURL = `http://127.0.0.1:${connectedPort}`;

/** The connected-mode server's cluster. Pages make no cluster or Entra requests yet, so it is never contacted. */
export const CONNECTED_CLUSTER_HOST = "mycluster.westeurope.kusto.windows.net";
