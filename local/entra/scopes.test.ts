import { describe, expect, it } from "vitest";
import { API_APP_ID_URI, API_CLIENT_ID, API_SCOPE, GRAPH_RESOURCE } from "./directory";
import { IdpError } from "./errors";
import { parseScopes } from "./scopes";

describe("parseScopes", () => {
  const cases: Record<string, { resource: string; scopeNames: string[]; oidc: string[]; isDefault: boolean }> = {
    [`${API_SCOPE} openid profile offline_access`]: {
      resource: API_APP_ID_URI,
      scopeNames: ["access_as_user"],
      oidc: ["openid", "profile", "offline_access"],
      isDefault: false,
    },
    [`${API_CLIENT_ID}/access_as_user`]: {
      resource: API_APP_ID_URI,
      scopeNames: ["access_as_user"],
      oidc: [],
      isDefault: false,
    },
    [`${API_APP_ID_URI}/.default`]: {
      resource: API_APP_ID_URI,
      scopeNames: ["access_as_user"],
      oidc: [],
      isDefault: true,
    },
    "http://127.0.0.1:8080/.default offline_access": {
      resource: "http://127.0.0.1:8080",
      scopeNames: ["user_impersonation"],
      oidc: ["offline_access"],
      isDefault: true,
    },
    "https://help.kusto.windows.net/.default": {
      resource: "https://help.kusto.windows.net",
      scopeNames: ["user_impersonation"],
      oidc: [],
      isDefault: true,
    },
    "openid profile": {
      resource: GRAPH_RESOURCE,
      scopeNames: ["User.Read"],
      oidc: ["openid", "profile"],
      isDefault: false,
    },
  };
  for (const [input, expected] of Object.entries(cases)) {
    it(`reads "${input}"`, () => {
      expect(parseScopes(input)).toMatchObject(expected);
    });
  }

  const rejected: Record<string, number> = {
    [`${API_SCOPE} http://127.0.0.1:8080/.default`]: 28000,
    [`${API_APP_ID_URI}/Delete.Everything`]: 65005,
    "api://00000000-0000-0000-0000-000000000000/.default": 500011,
    [`${API_APP_ID_URI}/.default ${API_SCOPE}`]: 70011,
  };
  for (const [input, code] of Object.entries(rejected)) {
    it(`rejects "${input}" with AADSTS${code}`, () => {
      const err = (() => {
        try {
          parseScopes(input);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(IdpError);
      expect((err as IdpError).aadsts).toBe(code);
    });
  }
});
