/**
 * The local tenant: demo users, app registrations and secrets (values fixed in notes/identities.md).
 * The engine, the app and tests import these ids instead of repeating them. Secrets here are local-only
 * and never valid anywhere else.
 */

export const TENANT_ID = "7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01";

/** Roles the console API defines (app roles on the API registration in real Entra ID). */
export const CONSOLE_ADMIN_ROLE = "Console.Admin";
export const CONSOLE_VIEWER_ROLE = "Console.Viewer";

export type DemoUserKey = "admin" | "viewer";

export interface DemoUser {
  key: DemoUserKey;
  oid: string;
  upn: string;
  name: string;
  /** App roles assigned on the console API. */
  roles: readonly string[];
}

export const ADMIN_USER: DemoUser = {
  key: "admin",
  oid: "a0000000-0000-4000-8000-00000000ad01",
  upn: "admin@contoso.local",
  name: "Avery Admin",
  roles: [CONSOLE_ADMIN_ROLE],
};

export const VIEWER_USER: DemoUser = {
  key: "viewer",
  oid: "a0000000-0000-4000-8000-00000000be02",
  upn: "viewer@contoso.local",
  name: "Vic Viewer",
  roles: [CONSOLE_VIEWER_ROLE],
};

export const DEMO_USERS: readonly DemoUser[] = [ADMIN_USER, VIEWER_USER];

/** The browser app (public client, PKCE, no secret). */
export const SPA_CLIENT_ID = "c0000000-0000-4000-8000-0000000005a1";

/** The console API (confidential client: verifies the SPA's tokens and does On-Behalf-Of). */
export const API_CLIENT_ID = "c0000000-0000-4000-8000-0000000a0101";
export const API_CLIENT_SECRET = "local-dev-secret";
export const API_APP_ID_URI = `api://${API_CLIENT_ID}`;
export const API_SCOPE_NAME = "access_as_user";
export const API_SCOPE = `${API_APP_ID_URI}/${API_SCOPE_NAME}`;

/** The Defender stream simulator (confidential client, client credentials only). */
export const STREAM_CLIENT_ID = "c0000000-0000-4000-8000-00000000057e";
export const STREAM_CLIENT_SECRET = "local-stream-secret";
/** Local-only app role carried by the simulator's app tokens; ADX itself authorizes by principal FQN. */
export const STREAM_APP_ROLE = "Stream.Ingest";

/** Microsoft Graph, the resource Entra ID picks when only OpenID scopes are requested. */
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

export interface ClientApp {
  clientId: string;
  displayName: string;
  /** Absent for public clients. */
  secret?: string;
  /** Whether /authorize may issue codes to this client (redirect URIs: see isRegisteredRedirectUri). */
  interactive: boolean;
  /** Roles put in app-only (client credentials) tokens. */
  appRoles: readonly string[];
}

export const CLIENT_APPS: readonly ClientApp[] = [
  { clientId: SPA_CLIENT_ID, displayName: "Defender ADX Console (SPA)", interactive: true, appRoles: [] },
  {
    clientId: API_CLIENT_ID,
    displayName: "Defender ADX Console API",
    secret: API_CLIENT_SECRET,
    interactive: true,
    appRoles: [],
  },
  {
    clientId: STREAM_CLIENT_ID,
    displayName: "Defender stream simulator",
    secret: STREAM_CLIENT_SECRET,
    interactive: false,
    appRoles: [STREAM_APP_ROLE],
  },
];

export function findClient(clientId: string | undefined): ClientApp | undefined {
  return CLIENT_APPS.find((c) => c.clientId === clientId);
}

export function findUser(keyOrOidOrUpn: string | undefined): DemoUser | undefined {
  const wanted = keyOrOidOrUpn?.toLowerCase();
  return DEMO_USERS.find((u) => u.key === wanted || u.oid === wanted || u.upn === wanted);
}

/**
 * Registered redirect URIs of the interactive clients: `http://127.0.0.1[:port]/auth/redirect` and
 * `http://localhost[:port]/auth/redirect` (any port, as Entra ID allows for loopback addresses), also over https.
 * Nothing else, so a code can never be sent to a non-local page.
 */
export function isRegisteredRedirectUri(value: string | undefined): boolean {
  const url = parseUrl(value);
  return (
    url !== undefined &&
    isLoopback(url) &&
    url.pathname === "/auth/redirect" &&
    url.search === "" &&
    url.hash === "" &&
    url.username === "" &&
    url.password === ""
  );
}

/** Where /logout may send the browser back to: any loopback page (the app's origin or its redirect page). */
export function isAllowedPostLogoutUri(value: string | undefined): boolean {
  const url = parseUrl(value);
  return url !== undefined && isLoopback(url) && url.username === "" && url.password === "";
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  return new URL(value);
}

function isLoopback(url: URL): boolean {
  return (url.protocol === "http:" || url.protocol === "https:") && ["127.0.0.1", "localhost"].includes(url.hostname);
}
