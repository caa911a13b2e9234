import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicAuthConfigSchema } from "@/lib/auth/public-config";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { SPA_CLIENT_ID, TENANT_ID } from "@/local/entra/directory";
import { startTestIdp, type IdpFixture } from "@/local/entra/testing/idp-fixture";
import { resolveAuthSettings } from "./config";
import { getPublicAuthConfig } from "./public-config";

const TENANT = "11111111-2222-4333-8444-555555555555";
const API = "22222222-3333-4444-8555-666666666666";
const SPA = "33333333-4444-4555-8666-777777777777";
const connected = {
  KUSTO_CLUSTER_URL: "https://mycluster.westeurope.kusto.windows.net",
  ENTRA_TENANT_ID: TENANT,
  ENTRA_API_CLIENT_ID: API,
  ENTRA_API_CLIENT_SECRET: "s3cret",
  ENTRA_SPA_CLIENT_ID: SPA,
};
const settingsFor = (raw: Record<string, string | undefined>) => resolveAuthSettings(parseEnv(raw));

function configErrorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a configuration error");
}

describe("connected mode", () => {
  it("uses real Entra ID for the tenant, no local metadata", () => {
    expect(settingsFor(connected)).toEqual({
      mode: "connected",
      tenantId: TENANT,
      spaClientId: SPA,
      apiClientId: API,
      apiClientSecret: "s3cret",
      apiScope: `api://${API}/access_as_user`,
      msalAuthority: `https://login.microsoftonline.com/${TENANT}`,
      knownAuthorities: [],
      discoveryUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      metadataForMsal: false,
      clusterUrl: "https://mycluster.westeurope.kusto.windows.net",
    });
  });

  it("accepts the sovereign clouds' authority hosts", () => {
    expect(settingsFor({ ...connected, ENTRA_AUTHORITY_HOST: "https://login.microsoftonline.us" }).msalAuthority).toBe(
      `https://login.microsoftonline.us/${TENANT}`,
    );
  });

  it("refuses a non-Microsoft authority even if lib/env's check were bypassed", () => {
    const values = { ...parseEnv(connected), ENTRA_AUTHORITY_HOST: "https://127.0.0.1:4443" };
    expect(configErrorOf(() => resolveAuthSettings(values)).detail).toMatch(/non-Microsoft authority/);
  });

  it("needs the SPA client id: lib/env refuses to start without it, and this re-checks", () => {
    const { ENTRA_SPA_CLIENT_ID: _omit, ...rest } = connected;
    expect(() => parseEnv(rest)).toThrow(/ENTRA_SPA_CLIENT_ID: required in connected mode/);
    const values = { ...parseEnv(connected), ENTRA_SPA_CLIENT_ID: undefined };
    expect(configErrorOf(() => resolveAuthSettings(values)).detail).toMatch(/ENTRA_SPA_CLIENT_ID/);
  });
});

describe("local mode (setup B)", () => {
  it("is the default: local IdP ids, the never-contacted https authority, the local engine", () => {
    const settings = settingsFor({});
    expect(settings).toMatchObject({
      mode: "local",
      tenantId: TENANT_ID,
      spaClientId: SPA_CLIENT_ID,
      msalAuthority: `https://localidp.invalid/${TENANT_ID}`,
      knownAuthorities: ["localidp.invalid"],
      discoveryUrl: `http://127.0.0.1:4080/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
      metadataForMsal: true,
      clusterUrl: "http://127.0.0.1:8080",
    });
  });

  it("follows LOCAL_ENTRA_URL and LOCAL_ADX_URL", () => {
    const settings = settingsFor({ LOCAL_ENTRA_URL: "http://localhost:5000/", LOCAL_ADX_URL: "http://127.0.0.1:9090" });
    expect(settings.discoveryUrl).toBe(`http://localhost:5000/${TENANT_ID}/v2.0/.well-known/openid-configuration`);
    expect(settings.clusterUrl).toBe("http://127.0.0.1:9090");
  });

  it("refuses Entra settings without a cluster unless LOCAL_MODE is explicit", () => {
    const raw = { ENTRA_TENANT_ID: TENANT, ENTRA_API_CLIENT_ID: API, ENTRA_API_CLIENT_SECRET: "s3cret" };
    expect(configErrorOf(() => settingsFor(raw)).detail).toMatch(/LOCAL_MODE=1/);
    expect(settingsFor({ ...raw, LOCAL_MODE: "1" }).msalAuthority).toBe(`https://localidp.invalid/${TENANT_ID}`);
  });

  it("refuses a non-loopback local IdP unless LOCAL_MODE is explicit", () => {
    expect(configErrorOf(() => settingsFor({ LOCAL_ENTRA_URL: "http://idp.example.com" })).code).toBe("internal:auth");
    expect(settingsFor({ LOCAL_ENTRA_URL: "http://idp.example.com", LOCAL_MODE: "1" }).mode).toBe("local");
  });
});

describe("local mode (setup A)", () => {
  it("lets MSAL discover an https local IdP itself: its own authority, known, no metadata", () => {
    const settings = settingsFor({ LOCAL_ENTRA_URL: "https://127.0.0.1:4443" });
    expect(settings).toMatchObject({
      msalAuthority: `https://127.0.0.1:4443/${TENANT_ID}`,
      knownAuthorities: ["127.0.0.1:4443"],
      discoveryUrl: `https://127.0.0.1:4443/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
      metadataForMsal: false,
    });
  });
});

describe("getPublicAuthConfig against the running local IdP", () => {
  let fixture: IdpFixture;
  beforeAll(async () => {
    fixture = await startTestIdp();
    process.env.LOCAL_ENTRA_URL = fixture.idp.url;
  });
  afterAll(async () => {
    delete process.env.LOCAL_ENTRA_URL;
    await fixture?.stop();
  });

  it("hands the browser the IdP's discovery JSON as authorityMetadata", async () => {
    const config = publicAuthConfigSchema.parse(await getPublicAuthConfig());
    expect(config).toMatchObject({
      clientId: SPA_CLIENT_ID,
      authority: `https://localidp.invalid/${TENANT_ID}`,
      knownAuthorities: ["localidp.invalid"],
      apiScope: "api://c0000000-0000-4000-8000-0000000a0101/access_as_user",
      mode: "local",
    });
    const metadata = JSON.parse(config.authorityMetadata!);
    expect(metadata.issuer).toBe(fixture.idp.issuer());
    expect(metadata.token_endpoint).toBe(`${fixture.idp.url}/${TENANT_ID}/oauth2/v2.0/token`);
  });

  it("reports an unreachable IdP as offline:auth, and recovers once it answers", async () => {
    process.env.LOCAL_ENTRA_URL = "http://127.0.0.1:9";
    const error = await getPublicAuthConfig().catch((e: unknown) => e);
    expect((error as AppError).code).toBe("offline:auth");
    process.env.LOCAL_ENTRA_URL = fixture.idp.url;
    expect((await getPublicAuthConfig()).authorityMetadata).toBeDefined();
  });
});
