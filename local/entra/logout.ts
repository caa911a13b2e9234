import type { IncomingMessage, ServerResponse } from "node:http";
import type { IdpContext } from "./context";
import { isAllowedPostLogoutUri } from "./directory";
import { readForm, redirect, sendHtml } from "./http";
import { signedOutPage } from "./pages";
import { endSession } from "./session";

/**
 * GET|POST /{tenant}/oauth2/v2.0/logout: clears the session cookie, then returns to `post_logout_redirect_uri`
 * (loopback pages only, with `state` echoed) or shows a signed-out page.
 */
export async function handleLogout(
  ctx: IdpContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const params = req.method === "POST" ? await readForm(req) : url.searchParams;
  endSession(ctx, res);
  const target = params.get("post_logout_redirect_uri") ?? undefined;
  if (!target || !isAllowedPostLogoutUri(target)) return sendHtml(res, 200, signedOutPage());
  const back = new URL(target);
  const state = params.get("state");
  if (state) back.searchParams.set("state", state);
  return redirect(res, back.toString());
}
