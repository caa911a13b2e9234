import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import type { Role } from "../commands/context";

/** Token checks of the engine (`LOCAL_ADX_AUTH`, `LOCAL_ADX_JWKS_URL`, `LOCAL_ADX_ISSUER`, …). */
export interface AuthOptions {
  /** `off` disables verification (loopback hosts only) and treats every caller as admin. */
  readonly mode: "on" | "off";
  readonly jwksUrl: string;
  readonly issuer: string;
  /** Accepted audiences besides the engine's own URL (which is added once the port is known). */
  readonly audiences: readonly string[];
  /** Principal FQN → role. */
  readonly principals: Readonly<Record<string, Role>>;
}

/** Who a verified token belongs to. */
export interface Principal {
  readonly fqn: string;
  readonly role: Role | null;
  readonly displayName: string;
}

/** A request the engine refuses before running anything (401). */
export class AuthenticationError extends Error {}

/** The ADX principal FQN of a token: `aadapp=<appid>;<tid>` for app-only tokens, else `aaduser=<oid>;<tid>`. */
export function principalOf(payload: JWTPayload): string {
  const claim = (name: string): string | undefined => {
    const v = payload[name];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const tid = claim("tid") ?? "";
  const appId = claim("appid") ?? claim("azp");
  const isApp =
    claim("idtyp") === "app" ||
    (claim("scp") === undefined && claim("oid") !== undefined && claim("oid") === claim("sub"));
  if (isApp && appId) return `aadapp=${appId};${tid}`;
  const oid = claim("oid");
  if (!oid) throw new AuthenticationError("The token has no oid claim.");
  return `aaduser=${oid};${tid}`;
}

/** Verifies bearer tokens against a JWKS (signature, issuer, audience, expiry) and maps principals to roles. */
export class Authenticator {
  private readonly jwks;
  private readonly roles: Map<string, Role>;

  constructor(
    private readonly options: AuthOptions,
    private readonly ownAudiences: () => readonly string[],
  ) {
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
    this.roles = new Map(Object.entries(options.principals).map(([fqn, role]) => [fqn.toLowerCase(), role]));
  }

  /** Checks `Authorization: Bearer …`; throws AuthenticationError for a missing or invalid token. */
  async authenticate(header: string | undefined): Promise<Principal> {
    if (this.options.mode === "off") return { fqn: "aaduser=local-anonymous", role: "admin", displayName: "anonymous" };
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
    if (!match?.[1]) throw new AuthenticationError("Missing bearer token.");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], this.jwks, {
        issuer: this.options.issuer,
        audience: [...this.ownAudiences(), ...this.options.audiences],
      }));
    } catch (error) {
      throw new AuthenticationError(`Invalid token: ${(error as Error).message}`);
    }
    const fqn = principalOf(payload);
    const name = payload.preferred_username ?? payload.name ?? fqn;
    return { fqn, role: this.roles.get(fqn.toLowerCase()) ?? null, displayName: String(name) };
  }
}
