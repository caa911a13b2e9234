import { randomBytes } from "node:crypto";

/**
 * In-memory state that must be single-use: pending picker requests, authorization codes and redeemed refresh
 * tokens. Sessions and refresh tokens themselves are signed by the IdP key (see session.ts, token-response.ts),
 * so they survive a restart; codes are short-lived and need not.
 */

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseMode: "query" | "fragment" | "form_post";
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  prompt?: string;
  loginHint?: string;
  clientInfo: boolean;
}

export interface CodeRecord {
  request: AuthorizeRequest;
  oid: string;
  sid: string;
  expiresAt: number;
  redeemed: boolean;
}

const CODE_TTL_MS = 10 * 60_000;
const PENDING_TTL_MS = 30 * 60_000;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export class IdpStore {
  private readonly pending = new Map<string, { request: AuthorizeRequest; expiresAt: number }>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly redeemedRefreshIds = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  savePending(request: AuthorizeRequest): string {
    this.sweep();
    const id = randomToken();
    this.pending.set(id, { request, expiresAt: this.now() + PENDING_TTL_MS });
    return id;
  }

  /** Single use: a picker form can be submitted once. */
  takePending(id: string | null): AuthorizeRequest | undefined {
    if (!id) return undefined;
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry && entry.expiresAt > this.now() ? entry.request : undefined;
  }

  issueCode(request: AuthorizeRequest, oid: string, sid: string): string {
    this.sweep();
    const code = randomToken(48);
    this.codes.set(code, { request, oid, sid, expiresAt: this.now() + CODE_TTL_MS, redeemed: false });
    return code;
  }

  /** Returns the record and marks it redeemed; a redeemed record stays until expiry so reuse gets its own error. */
  redeemCode(code: string): { record: CodeRecord; alreadyRedeemed: boolean } | undefined {
    const record = this.codes.get(code);
    if (!record || record.expiresAt <= this.now()) return undefined;
    const alreadyRedeemed = record.redeemed;
    record.redeemed = true;
    return { record, alreadyRedeemed };
  }

  /** Refresh tokens rotate: each id is accepted once. */
  redeemRefreshId(id: string, expiresAtMs: number): boolean {
    if (this.redeemedRefreshIds.has(id)) return false;
    this.redeemedRefreshIds.set(id, expiresAtMs);
    return true;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, v] of this.pending) if (v.expiresAt <= now) this.pending.delete(k);
    for (const [k, v] of this.codes) if (v.expiresAt <= now) this.codes.delete(k);
    for (const [k, exp] of this.redeemedRefreshIds) if (exp <= now) this.redeemedRefreshIds.delete(k);
  }
}
