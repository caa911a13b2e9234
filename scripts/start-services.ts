/**
 * The local stack `npm start` runs, as data: the identity provider, the engine, the stream simulator and the app,
 * each a child process with its environment and a readiness probe. `npm start`, Playwright's webServer (through
 * `scripts/start.ts`) and the start test (`scripts/local-start.test.ts`) all use this one description.
 */
import path from "node:path";
import { TENANT_ID } from "@/local/entra/directory";
import { nextBin } from "./ensure-build";
import { type ChildSpec, type Supervisor, waitForHttp } from "./supervisor";

export type ServiceName = "entra" | "adx" | "stream" | "app";

export interface StackOptions {
  /** Repository root (working directory of every child). */
  root: string;
  /** Holds `local-entra/` (signing key, TLS material) and `local-adx/` (the DuckDB file). */
  dataDir: string;
  host?: string;
  ports: { entra: number; adx: number; app: number };
  /** Which services to run, in start order entra → adx → stream → app. */
  services: readonly ServiceName[];
  /** Serve the IdP over https with a generated CA (MSAL setup A); default plain http (setup B). */
  https?: boolean;
  /** The engine's one database; the app gets the same name as KUSTO_DATABASE. */
  database?: string;
  /** Stream simulator: events per second and any extra CLI arguments (`--tables`, `--seed`, …). */
  stream?: { rate?: number; args?: readonly string[] };
}

export interface ServiceSpec extends ChildSpec {
  service: ServiceName;
  /** Base URL once running (none for the stream). */
  url?: string;
  /** Waited for before the next service starts. */
  ready?: { url: string; accept?: (status: number) => boolean; caFile?: string };
}

/** A few events per second: enough to watch rows arrive, little enough to leave a laptop idle. */
export const DEFAULT_STREAM_RATE = 5;

const tsx = (root: string, file: string, args: readonly string[] = []) => ({
  command: process.execPath,
  args: ["--import", "tsx", path.join(root, file), ...args],
});

/** Where each service listens and what the app and engine are told about the others. */
export function stackUrls(options: StackOptions) {
  const host = options.host ?? "127.0.0.1";
  const entra = `${options.https ? "https" : "http"}://${host}:${options.ports.entra}`;
  return {
    entra,
    adx: `http://${host}:${options.ports.adx}`,
    app: `http://${host}:${options.ports.app}`,
    /** System CA bundle + the IdP's CA (written by local/entra --https); Node reads it only at startup. */
    caBundle: options.https ? path.join(options.dataDir, "local-entra", "ca-bundle.pem") : undefined,
    caFile: options.https ? path.join(options.dataDir, "local-entra", "ca.crt") : undefined,
  };
}

/** The child processes for `options.services`, in start order. */
export function stackSpecs(options: StackOptions): ServiceSpec[] {
  const host = options.host ?? "127.0.0.1";
  const urls = stackUrls(options);
  const database = options.database ?? "Defender";
  const tenant = `${urls.entra}/${TENANT_ID}`;
  // Processes that fetch from an https IdP must trust its CA from their first instruction.
  const trust: Record<string, string> = urls.caBundle ? { NODE_EXTRA_CA_CERTS: urls.caBundle } : {};
  const want = new Set(options.services);
  const specs: ServiceSpec[] = [];

  if (want.has("entra")) {
    specs.push({
      service: "entra",
      name: "entra",
      ...tsx(options.root, "local/entra/main.ts"),
      cwd: options.root,
      env: {
        LOCAL_ENTRA_HOST: host,
        LOCAL_ENTRA_PORT: String(options.ports.entra),
        LOCAL_ENTRA_DATA: path.join(options.dataDir, "local-entra"),
        LOCAL_ENTRA_HTTPS: options.https ? "1" : "",
        // Published issuer = the listening address, whatever the developer's shell says.
        LOCAL_ENTRA_PUBLIC_URL: "",
      },
      url: urls.entra,
      ready: { url: `${urls.entra}/health`, caFile: urls.caFile },
    });
  }
  if (want.has("adx")) {
    specs.push({
      service: "adx",
      name: "adx",
      ...tsx(options.root, "local/adx/main.ts"),
      cwd: options.root,
      env: {
        ...trust,
        LOCAL_ADX_HOST: host,
        LOCAL_ADX_PORT: String(options.ports.adx),
        LOCAL_ADX_DATA: path.join(options.dataDir, "local-adx"),
        LOCAL_ADX_DATABASE: database,
        // Always on: the engine must refuse what a cluster would (a viewer's change, a missing token).
        LOCAL_ADX_AUTH: "on",
        LOCAL_ADX_JWKS_URL: `${tenant}/discovery/v2.0/keys`,
        LOCAL_ADX_ISSUER: `${tenant}/v2.0`,
        LOCAL_ADX_AUDIENCE: "",
        LOCAL_ADX_PRINCIPALS: "",
      },
      url: urls.adx,
      // The engine serves no health route; the SDK's metadata probe answers 404 as soon as it listens.
      ready: { url: `${urls.adx}/v1/rest/auth/metadata`, accept: (status) => status > 0 && status < 500 },
    });
  }
  if (want.has("stream")) {
    specs.push({
      service: "stream",
      name: "stream",
      ...tsx(options.root, "local/stream/main.ts", [
        "--engine",
        urls.adx,
        "--idp",
        urls.entra,
        "--database",
        database,
        "--rate",
        String(options.stream?.rate ?? DEFAULT_STREAM_RATE),
        ...(options.stream?.args ?? []),
      ]),
      cwd: options.root,
      env: { ...trust },
    });
  }
  if (want.has("app")) {
    specs.push({
      service: "app",
      name: "app",
      command: process.execPath,
      args: [nextBin(), "start", "-H", host, "-p", String(options.ports.app)],
      cwd: options.root,
      env: {
        ...trust,
        NEXT_TELEMETRY_DISABLED: "1",
        // Local mode talks to the services started above, whatever the .env files or the shell say.
        ...(want.has("entra") ? { LOCAL_ENTRA_URL: urls.entra } : {}),
        ...(want.has("adx") ? { LOCAL_ADX_URL: urls.adx, KUSTO_DATABASE: database } : {}),
      },
      url: urls.app,
      ready: { url: `${urls.app}/api/health` },
    });
  }
  return specs;
}

/**
 * Starts `specs` one by one under `supervisor`, waiting for each one's readiness before the next (the engine needs
 * the IdP's keys, the app the IdP's discovery document, and the https bundle exists only once the IdP wrote it).
 * Rejects when a service dies or does not become ready in time; resolves false when stopped meanwhile.
 */
export async function startInOrder(
  supervisor: Supervisor,
  specs: readonly ServiceSpec[],
  options: { timeoutMs?: number; onReady?: (spec: ServiceSpec) => void } = {},
): Promise<boolean> {
  for (const spec of specs) {
    const child = supervisor.add(spec);
    if (!child) return false;
    if (!spec.ready) continue;
    const alive = () => child.exitCode === null && child.signalCode === null && !supervisor.stopping;
    await waitForHttp(spec.ready.url, {
      timeoutMs: options.timeoutMs ?? 60_000,
      isAlive: alive,
      accept: spec.ready.accept,
      caFile: spec.ready.caFile,
    }).catch((error: unknown) => {
      if (supervisor.stopping) return;
      throw new Error(`${spec.name} did not start: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (supervisor.stopping) return false;
    options.onReady?.(spec);
  }
  return !supervisor.stopping;
}
