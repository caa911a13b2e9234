import { API_APP_ID_URI, API_CLIENT_ID, API_SCOPE_NAME, GRAPH_RESOURCE } from "./directory";
import { IdpError } from "./errors";

/** Scopes that ask for OpenID/refresh artefacts rather than access to a resource. */
export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

export interface ScopeRequest {
  /** openid / profile / email / offline_access, as requested. */
  oidc: string[];
  /** The token audience: `api://<id>` for our API, the URL for any other resource. */
  resource: string;
  /** Delegated scope names granted on that resource, as the `scp` claim lists them. */
  scopeNames: string[];
  /** `<resource>/<name>` of each granted scope, as the token response's `scope` reports them. */
  granted: string[];
  isDefault: boolean;
}

/**
 * Splits a space-separated scope string into OpenID scopes and one resource, as Entra ID does: a request may
 * target one resource only; `<resource>/.default` means every permission the app holds; bare names such as
 * `User.Read` and OpenID-only requests mean Microsoft Graph.
 */
export function parseScopes(raw: string | undefined): ScopeRequest {
  const all = (raw ?? "").split(/\s+/).filter(Boolean);
  const oidc = all.filter((s) => OIDC_SCOPES.has(s.toLowerCase()));
  const resourceScopes = all.filter((s) => !OIDC_SCOPES.has(s.toLowerCase())).map(splitScope);
  const resources = new Set(resourceScopes.map((s) => s.resource));
  if (resources.size > 1) {
    throw new IdpError(
      "invalid_scope",
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${raw} is not valid.`,
    );
  }
  if (resourceScopes.length === 0) {
    return {
      oidc,
      resource: GRAPH_RESOURCE,
      scopeNames: ["User.Read"],
      granted: [`${GRAPH_RESOURCE}/User.Read`],
      isDefault: false,
    };
  }
  const resource = resourceScopes[0]!.resource;
  const names = resourceScopes.map((s) => s.name);
  const isDefault = names.includes(".default");
  if (isDefault && names.length > 1) {
    throw new IdpError(
      "invalid_scope",
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${raw} is not valid. .default scope can't be combined with resource-specific scopes.`,
    );
  }
  if (resource === API_APP_ID_URI) {
    const unknown = names.filter((n) => n !== API_SCOPE_NAME && n !== ".default");
    if (unknown.length > 0) {
      throw new IdpError(
        "invalid_scope",
        65005,
        `The application '${API_CLIENT_ID}' asked for scope '${unknown.join(" ")}' that doesn't exist on the resource.`,
      );
    }
    return { oidc, resource, scopeNames: [API_SCOPE_NAME], granted: resourceScopes.map((s) => s.full), isDefault };
  }
  if (resource.startsWith("api://")) {
    throw new IdpError(
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named contoso.local.`,
    );
  }
  // Any other URL is a resource such as an ADX cluster, whose only delegated permission is user_impersonation.
  return {
    oidc,
    resource,
    scopeNames: isDefault ? ["user_impersonation"] : names,
    granted: resourceScopes.map((s) => s.full),
    isDefault,
  };
}

function splitScope(scope: string): { resource: string; name: string; full: string } {
  // A bare GUID resource (`<client id>/access_as_user`) names our API by its client id.
  const slash = scope.lastIndexOf("/");
  if (slash <= 0) return { resource: GRAPH_RESOURCE, name: scope, full: `${GRAPH_RESOURCE}/${scope}` };
  let resource = scope.slice(0, slash);
  const name = scope.slice(slash + 1);
  if (resource === API_CLIENT_ID) resource = API_APP_ID_URI;
  if (!resource.startsWith("api://") && !URL.canParse(resource) && resource !== API_APP_ID_URI) {
    throw new IdpError(
      "invalid_scope",
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    );
  }
  return { resource, name, full: `${resource}/${name}` };
}
