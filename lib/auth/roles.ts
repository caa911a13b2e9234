/**
 * The console's two roles and the Entra app roles they come from. Shared by the API (verify.ts maps the access
 * token's `roles` claim) and the browser (which learns its roles from /api/me, because app roles defined on the API
 * registration appear only in tokens for the API, never in the SPA's ID token).
 */
export const ROLES = ["viewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** App role values as defined on the API app registration. */
export const APP_ROLE_BY_ROLE: Record<Role, string> = { admin: "Console.Admin", viewer: "Console.Viewer" };

/** Maps a token's `roles` claim to console roles; admin implies viewer. Unknown or malformed values grant nothing. */
export function rolesFromClaim(claim: unknown): Role[] {
  const values = Array.isArray(claim) ? claim.filter((v): v is string => typeof v === "string") : [];
  const admin = values.includes(APP_ROLE_BY_ROLE.admin);
  const viewer = admin || values.includes(APP_ROLE_BY_ROLE.viewer);
  return ROLES.filter((role) => (role === "admin" ? admin : viewer));
}

export function hasRole(roles: readonly Role[], required: Role): boolean {
  return roles.includes(required);
}
