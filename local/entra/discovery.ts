/** The v2.0 OpenID configuration, with the fields Entra ID publishes that MSAL and jose read. */

export interface OpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
  [field: string]: unknown;
}

export function tenantIssuer(baseUrl: string, tenant: string): string {
  return `${baseUrl}/${tenant}/v2.0`;
}

export function openIdConfiguration(baseUrl: string, tenant: string): OpenIdConfiguration {
  const oauth = `${baseUrl}/${tenant}/oauth2/v2.0`;
  return {
    issuer: tenantIssuer(baseUrl, tenant),
    authorization_endpoint: `${oauth}/authorize`,
    token_endpoint: `${oauth}/token`,
    end_session_endpoint: `${oauth}/logout`,
    jwks_uri: `${baseUrl}/${tenant}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    response_modes_supported: ["query", "fragment", "form_post"],
    response_types_supported: ["code"],
    grant_types_supported: [
      "authorization_code",
      "refresh_token",
      "client_credentials",
      "urn:ietf:params:oauth:grant-type:jwt-bearer",
    ],
    code_challenge_methods_supported: ["S256"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "nbf",
      "nonce",
      "oid",
      "tid",
      "name",
      "preferred_username",
      "roles",
      "sid",
      "ver",
    ],
    request_uri_parameter_supported: false,
    http_logout_supported: true,
    frontchannel_logout_supported: false,
    tenant_region_scope: "EU",
    cloud_instance_name: "localidp.invalid",
  };
}
