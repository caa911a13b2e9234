import { createHash, randomBytes } from "node:crypto";
import { API_CLIENT_ID, API_CLIENT_SECRET, findUser, SPA_CLIENT_ID, TENANT_ID } from "./directory";

/**
 * A browserless client for scripts and tests: signs a demo user in by driving the real /authorize page
 * (GET → parse the picker form → POST the chosen user's button → read the code from the redirect) and the real
 * /token endpoint with PKCE, as a headless user agent would. Nothing is shortcut inside the IdP.
 */

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  expires_in: number;
}

export interface SignInOptions {
  /** IdP base URL, e.g. http://127.0.0.1:4080. */
  idpUrl: string;
  /** `admin`, `viewer`, a upn or an oid. */
  user: string;
  scopes: string[];
  tenant?: string;
  /** Default: the SPA (public client, no secret). */
  clientId?: string;
  clientSecret?: string;
  /** Never contacted: the code is read from the Location header. */
  redirectUri?: string;
}

export class LocalIdpError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "LocalIdpError";
  }
}

export async function signInHeadless(options: SignInOptions): Promise<TokenSet> {
  const tenant = options.tenant ?? TENANT_ID;
  const clientId = options.clientId ?? SPA_CLIENT_ID;
  const redirectUri = options.redirectUri ?? "http://127.0.0.1/auth/redirect";
  const user = findUser(options.user);
  if (!user) throw new LocalIdpError(`unknown demo user '${options.user}' (use admin or viewer)`);
  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${options.idpUrl}/${tenant}/oauth2/v2.0/authorize`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    response_mode: "query",
    redirect_uri: redirectUri,
    scope: options.scopes.join(" "),
    state: randomBytes(12).toString("base64url"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    prompt: "select_account",
  }).toString();

  const page = await call(authorize, { redirect: "manual" });
  if (page.status !== 200)
    throw new LocalIdpError(`authorize answered ${page.status}: ${describe(page, await page.text())}`);
  const form = parsePickerForm(await page.text(), user.upn);
  const posted = await call(new URL(form.action, authorize), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form.fields),
  });
  const location = posted.headers.get("location");
  if (posted.status !== 302 || !location)
    throw new LocalIdpError(`picker answered ${posted.status}: ${await posted.text()}`);
  const reply = new URL(location).searchParams;
  const code = reply.get("code");
  if (!code)
    throw new LocalIdpError(
      reply.get("error_description") ?? "no code in the authorize reply",
      reply.get("error") ?? undefined,
    );

  return tokenRequest(options.idpUrl, tenant, {
    grant_type: "authorization_code",
    client_id: clientId,
    ...(options.clientSecret ? { client_secret: options.clientSecret } : {}),
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    scope: options.scopes.join(" "),
  });
}

/** On-Behalf-Of as the console API would do it: the user's API token → a token for `resource/.default`. */
export function onBehalfOf(idpUrl: string, userToken: string, resource: string, tenant = TENANT_ID): Promise<TokenSet> {
  return tokenRequest(idpUrl, tenant, {
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    requested_token_use: "on_behalf_of",
    client_id: API_CLIENT_ID,
    client_secret: API_CLIENT_SECRET,
    assertion: userToken,
    scope: `${resource.replace(/\/$/, "")}/.default`,
  });
}

export function clientCredentials(
  idpUrl: string,
  clientId: string,
  clientSecret: string,
  resource: string,
  tenant = TENANT_ID,
): Promise<TokenSet> {
  return tokenRequest(idpUrl, tenant, {
    grant_type: "client_credentials",
    client_id: clientId,
    client_secret: clientSecret,
    scope: `${resource.replace(/\/$/, "")}/.default`,
  });
}

async function tokenRequest(idpUrl: string, tenant: string, params: Record<string, string>): Promise<TokenSet> {
  const res = await call(new URL(`${idpUrl}/${tenant}/oauth2/v2.0/token`), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<TokenSet> & {
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token) {
    throw new LocalIdpError(body.error_description ?? `token endpoint answered ${res.status}`, body.error);
  }
  return body as TokenSet;
}

async function call(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new LocalIdpError(
      `the local IdP is not reachable at ${url.origin} (${causeOf(err)}); start it with: npm run local-entra`,
      "unreachable",
    );
  }
}

interface PickerForm {
  action: string;
  fields: Record<string, string>;
}

/** Reads the picker as a user would: the form, its hidden fields, and the button that shows the user's upn. */
export function parsePickerForm(html: string, upn: string): PickerForm {
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new LocalIdpError("the authorize page has no sign-in form");
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(input[0], "name");
    if (name && attr(input[0], "type") === "hidden") fields[name] = attr(input[0], "value") ?? "";
  }
  const button = [...form[2]!.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].find((b) =>
    unescape(b[2]!.replace(/<[^>]+>/g, " ")).includes(upn),
  );
  const name = button && attr(button[1]!, "name");
  if (!button || !name) throw new LocalIdpError(`the picker offers no account ${upn}`);
  fields[name] = attr(button[1]!, "value") ?? "";
  return { action: unescape(form[1]!), fields };
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`, "i").exec(tag);
  return m ? unescape(m[1]!) : undefined;
}

function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&");
}

function describe(res: Response, body: string): string {
  const location = res.headers.get("location");
  return location ? `redirect to ${location}` : body.slice(0, 300);
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(err);
}
