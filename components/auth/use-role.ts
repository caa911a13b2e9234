"use client";

import { useQuery } from "@tanstack/react-query";
import { hasRole, type Role } from "@/lib/auth/roles";
import { meQuery } from "@/lib/queries/me";

export interface RoleState {
  roles: Role[];
  isAdmin: boolean;
  isViewer: boolean;
  /** True until /api/me has answered; gate on roles only after that. */
  isLoading: boolean;
}

/**
 * The caller's console roles as the API verified them (/api/me). App roles are defined on the API registration,
 * so they are in the API's access token, not in the SPA's ID token. The UI only hides; the API enforces.
 */
export function useRole(): RoleState {
  const { data, isPending } = useQuery(meQuery());
  const roles = data?.roles ?? [];
  return { roles, isAdmin: hasRole(roles, "admin"), isViewer: hasRole(roles, "viewer"), isLoading: isPending };
}
