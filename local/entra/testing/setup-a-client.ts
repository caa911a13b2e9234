import { ConfidentialClientApplication, ProtocolMode } from "@azure/msal-node";

/**
 * Child process of setup-a.test.ts: msal-node's real discovery path against the https IdP. Runs in its own
 * process because Node reads NODE_EXTRA_CA_CERTS only at startup. Prints one JSON line.
 */
const { AUTHORITY, KNOWN_AUTHORITY, CLIENT_ID, CLIENT_SECRET, SCOPE } = process.env;

const cca = new ConfidentialClientApplication({
  auth: {
    clientId: CLIENT_ID ?? "",
    clientSecret: CLIENT_SECRET ?? "",
    authority: AUTHORITY ?? "",
    knownAuthorities: [KNOWN_AUTHORITY ?? ""],
  },
  system: { protocolMode: ProtocolMode.AAD },
});

try {
  const first = await cca.acquireTokenByClientCredential({ scopes: [SCOPE ?? ""] });
  const second = await cca.acquireTokenByClientCredential({ scopes: [SCOPE ?? ""] });
  console.log(
    JSON.stringify({
      accessToken: first?.accessToken,
      firstFromCache: first?.fromCache,
      secondFromCache: second?.fromCache,
    }),
  );
} catch (err) {
  console.log(JSON.stringify({ error: (err as { errorCode?: string }).errorCode ?? String(err) }));
}
