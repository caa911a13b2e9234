import { resolve } from "node:path";
import { API_CLIENT_ID, SPA_CLIENT_ID, TENANT_ID } from "./directory";
import { startIdp } from "./server";

/**
 * `npm run local-entra [-- --https]`: the local IdP as a process. Env: LOCAL_ENTRA_HOST (127.0.0.1),
 * LOCAL_ENTRA_PORT (4080, or 4443 with https), LOCAL_ENTRA_HTTPS=1, LOCAL_ENTRA_DATA (.data/local-entra),
 * LOCAL_ENTRA_PUBLIC_URL (only when reached through another address), LOCAL_ENTRA_LOG=1 (one line per request).
 */
const https = process.argv.includes("--https") || process.env.LOCAL_ENTRA_HTTPS === "1";
const host = process.env.LOCAL_ENTRA_HOST || "127.0.0.1";
const port = Number(process.env.LOCAL_ENTRA_PORT || (https ? 4443 : 4080));
const dataDir = resolve(process.env.LOCAL_ENTRA_DATA || ".data/local-entra");

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`local-entra: LOCAL_ENTRA_PORT must be a port number, got '${process.env.LOCAL_ENTRA_PORT}'`);
  process.exit(1);
}

try {
  const idp = await startIdp({
    host,
    port,
    https,
    dataDir,
    publicUrl: process.env.LOCAL_ENTRA_PUBLIC_URL || undefined,
    log: process.env.LOCAL_ENTRA_LOG === "1" ? (line) => console.log(line) : undefined,
  });
  const meta = idp.metadata();
  console.log(`local-entra listening on ${idp.url}`);
  console.log(`  tenant    ${TENANT_ID}`);
  console.log(`  issuer    ${meta.issuer}`);
  console.log(`  discovery ${idp.url}/${TENANT_ID}/v2.0/.well-known/openid-configuration`);
  console.log(`  jwks      ${meta.jwks_uri}`);
  console.log(`  clients   SPA ${SPA_CLIENT_ID}, API ${API_CLIENT_ID}`);
  console.log(`  data      ${dataDir}`);
  if (idp.tls) {
    console.log(`  CA        ${idp.tls.caPath}`);
    console.log(`  Node      NODE_EXTRA_CA_CERTS=${idp.tls.bundlePath}   (system bundle + our CA)`);
    console.log(`  Chromium  --ignore-certificate-errors-spki-list=${idp.tls.spkiSha256}`);
  }
  const stop = () => {
    idp.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  console.error(
    code === "EADDRINUSE" ? `local-entra: ${host}:${port} is already in use` : `local-entra: ${(err as Error).message}`,
  );
  process.exit(1);
}
