import type { IncomingMessage, ServerResponse } from "node:http";
import { clientInfo } from "./claims";
import type { IdpContext } from "./context";
import { findClient, findUser, isRegisteredRedirectUri } from "./directory";
import { IdpError } from "./errors";
import { readForm, redirect, sendHtml } from "./http";
import { errorPage, formPostPage, pickerPage } from "./pages";
import { parseScopes } from "./scopes";
import { readSession, startSession, type Session } from "./session";
import type { AuthorizeRequest } from "./store";

/**
 * GET /{tenant}/oauth2/v2.0/authorize: validates the client and redirect URI (errors before that point are pages,
 * never redirects, so a code or error can't be sent to an unregistered site), then signs in silently from the
 * session cookie or shows the user picker. POST: the picker's form.
 */
export async function handleAuthorizeGet(
  ctx: IdpContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const p = url.searchParams;
  const clientId = p.get("client_id") ?? "";
  const client = findClient(clientId);
  if (!client || !client.interactive) {
    return sendHtml(
      res,
      400,
      errorPage(
        "Sign-in error",
        `AADSTS700016: Application with identifier '${clientId}' was not found in the directory 'contoso.local'.`,
      ),
    );
  }
  const redirectUri = p.get("redirect_uri") ?? "";
  if (!isRegisteredRedirectUri(redirectUri)) {
    return sendHtml(
      res,
      400,
      errorPage(
        "Sign-in error",
        `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Registered: http://127.0.0.1:<port>/auth/redirect and http://localhost:<port>/auth/redirect.`,
      ),
    );
  }
  const mode = p.get("response_mode") ?? "query";
  const request: AuthorizeRequest = {
    clientId,
    redirectUri,
    responseMode: mode === "fragment" || mode === "form_post" ? mode : "query",
    scope: p.get("scope") ?? "",
    state: p.get("state") ?? undefined,
    nonce: p.get("nonce") ?? undefined,
    codeChallenge: p.get("code_challenge") ?? undefined,
    codeChallengeMethod: p.get("code_challenge_method") ?? undefined,
    prompt: p.get("prompt") ?? undefined,
    loginHint: p.get("login_hint") ?? undefined,
    clientInfo: p.get("client_info") === "1",
  };
  try {
    validateRequest(request, p.get("response_type"), mode, !client.secret);
  } catch (err) {
    if (err instanceof IdpError) return replyError(res, request, err);
    throw err;
  }

  const session = await readSession(ctx, req);
  const hinted = request.loginHint ? findUser(request.loginHint) : undefined;
  const sessionFits = session && (!hinted || hinted.oid === session.user.oid);
  if (request.prompt === "none") {
    if (sessionFits) return replyCode(ctx, res, request, session);
    return replyError(
      res,
      request,
      new IdpError("login_required", 50058, "A silent sign-in request was sent but no user is signed in."),
    );
  }
  if (sessionFits && !request.prompt) return replyCode(ctx, res, request, session);

  const loginRequest = ctx.store.savePending(request);
  return sendHtml(res, 200, pickerPage(url.pathname, loginRequest, client));
}

export async function handleAuthorizePost(ctx: IdpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req);
  const request = ctx.store.takePending(form.get("login_request"));
  if (!request) {
    return sendHtml(
      res,
      400,
      errorPage(
        "Sign-in expired",
        "This sign-in request has expired or was already used. Go back to the application and sign in again.",
      ),
    );
  }
  if (form.get("cancel")) {
    return replyError(
      res,
      request,
      new IdpError("access_denied", 65004, "User declined to consent to access the app."),
    );
  }
  const user = findUser(form.get("user") ?? undefined);
  if (!user) {
    return sendHtml(
      res,
      400,
      errorPage("Sign-in error", "AADSTS50034: The user account does not exist in the 'contoso.local' directory."),
    );
  }
  const session = await startSession(ctx, res, user);
  return replyCode(ctx, res, request, session);
}

function validateRequest(
  request: AuthorizeRequest,
  responseType: string | null,
  mode: string,
  isPublic: boolean,
): void {
  if (responseType !== "code") {
    throw new IdpError(
      "unsupported_response_type",
      900144,
      `The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: code. Got: ${responseType ?? ""}.`,
    );
  }
  if (!["query", "fragment", "form_post"].includes(mode)) {
    throw new IdpError(
      "invalid_request",
      900144,
      `The provided value for the input parameter 'response_mode' is not valid: ${mode}.`,
    );
  }
  parseScopes(request.scope);
  if (request.codeChallenge && request.codeChallengeMethod !== "S256") {
    throw new IdpError(
      "invalid_request",
      9002325,
      "The local identity provider only supports code_challenge_method=S256.",
    );
  }
  if (isPublic && !request.codeChallenge) {
    throw new IdpError(
      "invalid_request",
      9002325,
      "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
    );
  }
}

async function replyCode(
  ctx: IdpContext,
  res: ServerResponse,
  request: AuthorizeRequest,
  session: Session,
): Promise<void> {
  const code = ctx.store.issueCode(request, session.user.oid, session.sid);
  const params: Record<string, string> = { code };
  if (request.state !== undefined) params.state = request.state;
  if (request.clientInfo) params.client_info = clientInfo(session.user.oid, ctx.tenant);
  params.session_state = session.sid;
  reply(res, request, params);
}

function replyError(res: ServerResponse, request: AuthorizeRequest, err: IdpError): void {
  const params: Record<string, string> = { error: err.error, error_description: err.message };
  if (request.state !== undefined) params.state = request.state;
  reply(res, request, params);
}

function reply(res: ServerResponse, request: AuthorizeRequest, params: Record<string, string>): void {
  const encoded = new URLSearchParams(params).toString();
  if (request.responseMode === "form_post") return sendHtml(res, 200, formPostPage(request.redirectUri, params));
  if (request.responseMode === "fragment") return redirect(res, `${request.redirectUri}#${encoded}`);
  return redirect(res, `${request.redirectUri}?${encoded}`);
}
