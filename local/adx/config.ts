import type { Role } from "./commands/context";
import type { AuthOptions } from "./rest/auth";

/** Fixed local identities (shared/notes/identities.md). */
export const LOCAL_TENANT = "7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01";
const ADMIN_OID = "a0000000-0000-4000-8000-00000000ad01";
const VIEWER_OID = "a0000000-0000-4000-8000-00000000be02";
const STREAM_APP = "c0000000-0000-4000-8000-00000000057e";

/** Default principals: admin user → admin, viewer user → viewer, stream simulator app → ingestor. */
export const DEFAULT_PRINCIPALS: Readonly<Record<string, Role>> = {
  [`aaduser=${ADMIN_OID};${LOCAL_TENANT}`]: "admin",
  [`aaduser=${VIEWER_OID};${LOCAL_TENANT}`]: "viewer",
  [`aadapp=${STREAM_APP};${LOCAL_TENANT}`]: "ingestor",
};

/** Options of `startEngine`. */
export interface EngineOptions {
  /** Listen address; default 127.0.0.1. */
  readonly host?: string;
  /** Port; 0 picks a free one. Default 8080. */
  readonly port?: number;
  /** Folder of `engine.duckdb` and the lock file. */
  readonly dataDir: string;
  /** The one database; default `Defender`. */
  readonly database?: string;
  readonly auth: AuthOptions;
  /** Log lines (startup, warnings); default console. */
  readonly log?: (line: string) => void;
}

const ROLES: readonly Role[] = ["admin", "user", "ingestor", "viewer"];

function parsePrincipals(text: string | undefined): Record<string, Role> {
  if (!text) return { ...DEFAULT_PRINCIPALS };
  const json = JSON.parse(text) as unknown;
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new Error("LOCAL_ADX_PRINCIPALS must be a JSON object: FQN → admin|user|ingestor|viewer");
  }
  for (const [fqn, role] of Object.entries(json)) {
    if (!ROLES.includes(role as Role))
      throw new Error(`LOCAL_ADX_PRINCIPALS: role of '${fqn}' must be one of ${ROLES.join(", ")}`);
  }
  return json as Record<string, Role>;
}

/** Engine options from the environment (`LOCAL_ADX_*`, `LOCAL_ENTRA_PORT`). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const idp = `http://127.0.0.1:${env.LOCAL_ENTRA_PORT ?? "4080"}/${LOCAL_TENANT}`;
  const port = Number.parseInt(env.LOCAL_ADX_PORT ?? "8080", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`LOCAL_ADX_PORT is not a port: ${env.LOCAL_ADX_PORT}`);
  const mode = (env.LOCAL_ADX_AUTH ?? "on").toLowerCase();
  if (mode !== "on" && mode !== "off")
    throw new Error(`LOCAL_ADX_AUTH must be 'on' or 'off', got '${env.LOCAL_ADX_AUTH}'`);
  return {
    host: env.LOCAL_ADX_HOST ?? "127.0.0.1",
    port,
    dataDir: env.LOCAL_ADX_DATA ?? ".data/local-adx",
    database: env.LOCAL_ADX_DATABASE ?? "Defender",
    auth: {
      mode,
      jwksUrl: env.LOCAL_ADX_JWKS_URL ?? `${idp}/discovery/v2.0/keys`,
      issuer: env.LOCAL_ADX_ISSUER ?? `${idp}/v2.0`,
      audiences: [...(env.LOCAL_ADX_AUDIENCE ? [env.LOCAL_ADX_AUDIENCE] : []), "https://api.kusto.windows.net"],
      principals: parsePrincipals(env.LOCAL_ADX_PRINCIPALS),
    },
  };
}

/** Whether a listen address only accepts local connections. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
