import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfidentialClientApplication, ProtocolMode } from "@azure/msal-node";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { parsePickerForm } from "../dev-client";
import { TENANT_ID } from "../directory";
import { startIdp, type IdpOptions, type RunningIdp } from "../server";

/** Test helpers: an in-process IdP in a temp data folder, MSAL in setup B, jose verification, the picker. */

export interface IdpFixture {
  idp: RunningIdp;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestIdp(options: Omit<IdpOptions, "dataDir"> = {}): Promise<IdpFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), "local-entra-"));
  const idp = await startIdp({ ...options, dataDir });
  return {
    idp,
    dataDir,
    async stop() {
      await idp.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Setup B (platform-notes §4.3): an https authority that is never contacted + metadata with http endpoints. */
export function setupBClient(idp: RunningIdp, clientId: string, clientSecret: string): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId,
      clientSecret,
      authority: `https://localidp.invalid/${TENANT_ID}`,
      knownAuthorities: ["localidp.invalid"],
      authorityMetadata: JSON.stringify(idp.metadata()),
    },
    system: { protocolMode: ProtocolMode.AAD },
  });
}

export async function verifyToken(idp: RunningIdp, token: string, audience: string | string[]): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(idp.metadata().jwks_uri));
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: idp.issuer(), audience });
  if (protectedHeader.alg !== "RS256" || !protectedHeader.kid) throw new Error("token header lacks RS256/kid");
  return payload;
}

/**
 * What a user does in the browser: open the authorize URL, press the button showing `upn`. Returns the reply
 * parameters (from the redirect's query or fragment) and the session cookie the IdP set.
 */
export async function pickUser(
  authorizeUrl: string,
  upn: string,
): Promise<{ reply: URLSearchParams; cookie?: string }> {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  if (page.status !== 200) throw new Error(`authorize answered ${page.status} ${page.headers.get("location") ?? ""}`);
  const form = parsePickerForm(await page.text(), upn);
  const res = await fetch(new URL(form.action, authorizeUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form.fields),
  });
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`picker answered ${res.status}`);
  return { reply: replyParams(location), cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

export function replyParams(location: string): URLSearchParams {
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}
