import { describe, expect, it } from "vitest";
import { buildMsalConfiguration, REDIRECT_PATH } from "./msal-config";

describe("buildMsalConfiguration", () => {
  const local = {
    clientId: "spa",
    authority: "https://localidp.invalid/t",
    knownAuthorities: ["localidp.invalid"],
    authorityMetadata: '{"issuer":"http://127.0.0.1:4080/t/v2.0"}',
    apiScope: "api://x/access_as_user",
    mode: "local" as const,
  };

  it("points the redirect at the bridge page and keeps the local metadata", () => {
    const config = buildMsalConfiguration(local, "http://127.0.0.1:3000");
    expect(config.auth).toMatchObject({
      clientId: "spa",
      authority: "https://localidp.invalid/t",
      knownAuthorities: ["localidp.invalid"],
      authorityMetadata: local.authorityMetadata,
      redirectUri: `http://127.0.0.1:3000${REDIRECT_PATH}`,
      postLogoutRedirectUri: "http://127.0.0.1:3000/",
    });
    expect(config.system?.protocolMode).toBe("AAD");
  });

  it("sends no metadata for real Entra ID (MSAL discovers it)", () => {
    const { authorityMetadata: _omit, ...connected } = local;
    const config = buildMsalConfiguration({
      ...connected,
      authority: "https://login.microsoftonline.com/t",
      knownAuthorities: [],
      mode: "connected",
    });
    expect(config.auth).not.toHaveProperty("authorityMetadata");
  });
});
