import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { SESSION_LIFETIME_S, type IdpContext } from "./context";
import { findUser, type DemoUser } from "./directory";
import { readCookie } from "./http";

/**
 * The sign-in session behind `prompt=none`: a cookie holding a token signed by the IdP key (own `typ` and
 * audience, so it can never pass as an access token). Stateless, so it survives IdP restarts.
 */

const COOKIE = "local_entra_session";
const SESSION_TYP = "session+jwt";

export interface Session {
  user: DemoUser;
  sid: string;
}

const sessionAudience = (ctx: IdpContext) => `${ctx.issuer}/session`;

export async function readSession(ctx: IdpContext, req: IncomingMessage): Promise<Session | undefined> {
  const token = readCookie(req, COOKIE);
  if (!token) return undefined;
  try {
    const payload = await ctx.keys.verify(token, {
      issuer: ctx.issuer,
      audience: sessionAudience(ctx),
      typ: SESSION_TYP,
    });
    const user = findUser(typeof payload.oid === "string" ? payload.oid : undefined);
    return user && typeof payload.sid === "string" ? { user, sid: payload.sid } : undefined;
  } catch {
    return undefined;
  }
}

export async function startSession(ctx: IdpContext, res: ServerResponse, user: DemoUser): Promise<Session> {
  const sid = randomUUID();
  const token = await ctx.keys.sign(
    { aud: sessionAudience(ctx), oid: user.oid, sid },
    { issuer: ctx.issuer, lifetimeSeconds: SESSION_LIFETIME_S, typ: SESSION_TYP },
  );
  res.appendHeader("Set-Cookie", cookie(ctx, token, SESSION_LIFETIME_S));
  return { user, sid };
}

export function endSession(ctx: IdpContext, res: ServerResponse): void {
  res.appendHeader("Set-Cookie", cookie(ctx, "", 0));
}

function cookie(ctx: IdpContext, value: string, maxAge: number): string {
  // Silent sign-in runs in a hidden iframe: cross-site it needs SameSite=None, which browsers accept only with
  // Secure, i.e. over https. Over http the app must share the IdP's host (127.0.0.1) for the cookie to flow.
  const site = ctx.secure ? "SameSite=None; Secure" : "SameSite=Lax";
  return `${COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; ${site}; Max-Age=${maxAge}`;
}
