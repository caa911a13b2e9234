import { parseArgs } from "node:util";
import { clientCredentials, LocalIdpError, onBehalfOf, signInHeadless } from "@/local/entra/dev-client";
import { API_SCOPE, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET } from "@/local/entra/directory";

/**
 * `npm run --silent local-token -- <admin|viewer> [--resource <url>]` prints one access token:
 * - admin/viewer: a user token for the console API scope, from the real authorize page and token endpoint (PKCE);
 * - with --resource: that user token swapped On-Behalf-Of (as the console API does) for `<url>/.default`;
 * - stream: the stream simulator's app token (client credentials) for --resource, default the local engine.
 * Needs the IdP running at LOCAL_ENTRA_URL (default http://127.0.0.1:4080).
 */
const USAGE = "usage: local-token <admin|viewer|stream> [--resource <url>]";

async function main(): Promise<string> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { resource: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const who = positionals[0];
  if (values.help || positionals.length !== 1 || !who) throw new LocalIdpError(USAGE, "usage");
  const idpUrl = (process.env.LOCAL_ENTRA_URL || "http://127.0.0.1:4080").replace(/\/$/, "");
  const resource = values.resource;
  if (resource !== undefined && !URL.canParse(resource))
    throw new LocalIdpError(`--resource must be a URL, got '${resource}'`, "usage");

  if (who === "stream") {
    const engine = resource ?? `http://127.0.0.1:${process.env.LOCAL_ADX_PORT || 8080}`;
    return (await clientCredentials(idpUrl, STREAM_CLIENT_ID, STREAM_CLIENT_SECRET, engine)).access_token;
  }
  if (who !== "admin" && who !== "viewer") throw new LocalIdpError(USAGE, "usage");
  const user = await signInHeadless({ idpUrl, user: who, scopes: [API_SCOPE] });
  if (resource === undefined) return user.access_token;
  return (await onBehalfOf(idpUrl, user.access_token, resource)).access_token;
}

main().then(
  (token) => process.stdout.write(`${token}\n`),
  (err: unknown) => {
    process.stderr.write(`local-token: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof LocalIdpError && err.code === "usage" ? 2 : 1;
  },
);
