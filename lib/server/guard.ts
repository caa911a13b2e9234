import "server-only";
import { hasRole, type Role } from "@/lib/auth/roles";
import { AppError, toErrorResponse } from "@/lib/errors";
import { ClaimsChallengeError } from "./auth/claims-challenge";
import { verifyAccessToken, type AuthUser } from "./auth/verify";

/** What a guarded handler gets besides the request. `token` is the caller's API token, for On-Behalf-Of only. */
export interface AuthContext {
  user: AuthUser;
  token: string;
}

export interface RouteContext<P> {
  params: Promise<P>;
}

export interface GuardOptions {
  /** The least role the route needs; admin implies viewer. */
  role: Role;
}

type Params = Record<string, string | string[] | undefined>;

/**
 * THE guard every route handler goes through (only `/api/health` is open): a missing or invalid bearer token → 401,
 * a valid token without the role → 403, both as AppError JSON bodies; any error the handler throws becomes its
 * AppError response (or a logged, redacted 500). Tokens are never logged.
 */
export function withAuth<P extends Params = Params>(
  handler: (request: Request, auth: AuthContext, context: RouteContext<P>) => Response | Promise<Response>,
  options: GuardOptions,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const token = bearerToken(request);
      const user = await verifyAccessToken(token);
      if (!hasRole(user.roles, options.role))
        throw new AppError("forbidden:auth", `This needs the ${options.role} role.`);
      return await handler(request, { user, token }, context);
    } catch (error) {
      const response = toErrorResponse(error, "api");
      // RFC 6750: tell clients the failure is about the bearer token (or, for a challenge, its missing claims).
      if (error instanceof ClaimsChallengeError)
        response.headers.set("www-authenticate", 'Bearer error="insufficient_claims"');
      else if (error instanceof AppError && error.code === "unauthorized:auth")
        response.headers.set("www-authenticate", 'Bearer error="invalid_token"');
      return response;
    }
  };
}

function bearerToken(request: Request): string {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError("unauthorized:auth", "No access token was sent (Authorization header).");
  return match[1];
}
