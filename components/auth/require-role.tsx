"use client";

import type { ReactNode } from "react";
import { hasRole, type Role } from "@/lib/auth/roles";
import { useRole } from "./use-role";

/** Renders `children` only for callers with `role` (admin implies viewer); `fallback` otherwise and while loading. */
export function RequireRole({
  role,
  children,
  fallback = null,
}: {
  role: Role;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const { roles, isLoading } = useRole();
  return isLoading || !hasRole(roles, role) ? fallback : children;
}
