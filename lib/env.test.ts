import { describe, expect, it } from "vitest";
import { clusterHost, parseEnv } from "./env";

const connected = {
  KUSTO_CLUSTER_URL: "https://mycluster.westeurope.kusto.windows.net",
  ENTRA_TENANT_ID: "7d5c1c7e-0d5e-4f5c-9a55-1f4d2b6b9a01",
  ENTRA_API_CLIENT_ID: "c0000000-0000-4000-8000-0000000a0101",
  ENTRA_API_CLIENT_SECRET: "s3cret-value",
  ENTRA_SPA_CLIENT_ID: "33333333-4444-4555-8666-777777777777",
};

describe("parseEnv", () => {
  it("defaults to local mode with the documented defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.mode).toBe("local");
    expect(env.KUSTO_DATABASE).toBe("Defender");
    expect(env.KUSTO_STAGING_TABLE).toBe("Staging");
    expect(env.LOCAL_MODE).toBe(false);
    expect(env.ENTRA_AUTHORITY_HOST).toBe("https://login.microsoftonline.com");
    expect(env.KUSTO_CLUSTER_URL).toBeUndefined();
  });

  it("treats empty strings as unset, as a copied .env.example leaves them", () => {
    const env = parseEnv({ KUSTO_CLUSTER_URL: "", KUSTO_DATABASE: "", ENTRA_API_CLIENT_SECRET: "" });
    expect(env.mode).toBe("local");
    expect(env.KUSTO_DATABASE).toBe("Defender");
  });

  it("does not modify the source object", () => {
    const source = { KUSTO_DATABASE: "" };
    parseEnv(source);
    expect(source).toEqual({ KUSTO_DATABASE: "" });
  });

  it("is connected when a cluster URL and the Entra settings are set", () => {
    const env = parseEnv(connected);
    expect(env.mode).toBe("connected");
    expect(clusterHost(env)).toBe("mycluster.westeurope.kusto.windows.net");
  });

  it("names every missing Entra variable in connected mode", () => {
    expect(() => parseEnv({ KUSTO_CLUSTER_URL: connected.KUSTO_CLUSTER_URL })).toThrowError(
      /ENTRA_TENANT_ID: required in connected mode[\s\S]*ENTRA_SPA_CLIENT_ID: required[\s\S]*ENTRA_API_CLIENT_ID: required[\s\S]*ENTRA_API_CLIENT_SECRET: required/,
    );
  });

  it("stays local with an explicit LOCAL_MODE even when a cluster URL (the local engine) is set", () => {
    const env = parseEnv({ KUSTO_CLUSTER_URL: "http://127.0.0.1:8080", LOCAL_MODE: "1" });
    expect(env.mode).toBe("local");
    expect(env.LOCAL_MODE).toBe(true);
    expect(clusterHost(env)).toBe("127.0.0.1:8080");
  });

  it("requires https for a connected cluster", () => {
    expect(() => parseEnv({ ...connected, KUSTO_CLUSTER_URL: "http://mycluster.kusto.windows.net" })).toThrowError(
      /KUSTO_CLUSTER_URL: must use https in connected mode/,
    );
  });

  it("refuses a non-Microsoft authority unless local mode is explicit", () => {
    const authority = { ENTRA_AUTHORITY_HOST: "https://localidp.invalid" };
    expect(() => parseEnv({ ...connected, ...authority })).toThrowError(/ENTRA_AUTHORITY_HOST: must be https:\/\//);
    expect(parseEnv({ ...connected, ...authority, LOCAL_MODE: "true" }).ENTRA_AUTHORITY_HOST).toBe(
      "https://localidp.invalid",
    );
    expect(parseEnv({ ...connected, ENTRA_AUTHORITY_HOST: "https://login.microsoftonline.us" }).mode).toBe("connected");
  });

  const flags: Record<string, boolean> = { "1": true, true: true, yes: true, "0": false, false: false, no: false };
  for (const [value, expected] of Object.entries(flags)) {
    it(`reads LOCAL_MODE=${value} as ${expected}`, () => {
      expect(parseEnv({ LOCAL_MODE: value }).LOCAL_MODE).toBe(expected);
    });
  }

  it("rejects a LOCAL_MODE value it cannot read rather than guessing", () => {
    expect(() => parseEnv({ LOCAL_MODE: "on" })).toThrowError(/LOCAL_MODE: must be one of 1, 0, true, false/);
  });

  const stagingNames: Record<string, boolean> = {
    Staging: true,
    "Raw events-2024.v1": true,
    Données_brutes: true,
    ["x".repeat(1024)]: true,
    ["x".repeat(1025)]: false,
    "x; .drop table y": false,
    "['Staging']": false,
    "   ": false,
    'St"aging': false,
  };
  for (const [name, valid] of Object.entries(stagingNames)) {
    it(`${valid ? "accepts" : "rejects"} KUSTO_STAGING_TABLE=${JSON.stringify(name.slice(0, 30))}`, () => {
      const parse = () => parseEnv({ KUSTO_STAGING_TABLE: name });
      if (valid) expect(parse().KUSTO_STAGING_TABLE).toBe(name);
      else expect(parse).toThrowError(/KUSTO_STAGING_TABLE: /);
    });
  }

  it("validates the database name with the same entity-name rule", () => {
    expect(() => parseEnv({ KUSTO_DATABASE: "db|drop" })).toThrowError(/KUSTO_DATABASE: may contain only/);
  });

  it("rejects malformed ids and URLs with the variable's name", () => {
    expect(() => parseEnv({ ...connected, ENTRA_API_CLIENT_ID: "not-a-guid" })).toThrowError(
      /ENTRA_API_CLIENT_ID: must be a GUID/,
    );
    expect(() => parseEnv({ ...connected, ENTRA_TENANT_ID: "contoso/../evil" })).toThrowError(/ENTRA_TENANT_ID: /);
    expect(() => parseEnv({ KUSTO_CLUSTER_URL: "ftp://cluster" })).toThrowError(/KUSTO_CLUSTER_URL: /);
  });

  it("never echoes a secret's value in its error message", () => {
    const secret = "super-secret-value-123";
    try {
      parseEnv({ ...connected, ENTRA_API_CLIENT_SECRET: secret, ENTRA_API_CLIENT_ID: "bad" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });
});
