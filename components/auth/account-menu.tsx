"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import { meQuery } from "@/lib/queries/me";
import { useAuthSession } from "./auth-session";
import { useRole } from "./use-role";
import styles from "./auth.module.css";

function roleLabel(roles: readonly Role[], loading: boolean): string {
  if (loading) return "…";
  if (roles.includes("admin")) return "Administrator";
  if (roles.includes("viewer")) return "Viewer";
  return "No console role";
}

/** The header's account button: name, upn and role, and sign-out. A native <details> keeps it keyboard-friendly. */
export function AccountMenu() {
  const session = useAuthSession();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery()).data;
  const { roles, isLoading } = useRole();
  const { account } = session;
  if (!account) return null;
  const name = me?.name ?? account.name ?? account.username;
  const upn = me?.upn ?? account.username;

  async function signOut() {
    queryClient.clear();
    await session.signOut();
  }

  return (
    <details className={styles.menu}>
      <summary aria-label={`Account: ${name}`}>
        <span className={styles.avatar} aria-hidden="true">
          {initials(name)}
        </span>
        <span>{name}</span>
      </summary>
      <div className={styles.panel} role="group" aria-label="Account">
        <p className={styles.panelName}>{name}</p>
        <p className={styles.muted}>{upn}</p>
        <p className={styles.muted} data-testid="account-role">
          Role: {roleLabel(roles, isLoading)}
        </p>
        <button type="button" className="button" onClick={signOut}>
          Sign out
        </button>
      </div>
    </details>
  );
}

function initials(name: string): string {
  const parts = name.split(/[\s@.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}
