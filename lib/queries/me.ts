import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { meSchema } from "@/lib/auth/me";

/** The signed-in caller as the API sees them (name, upn, roles); the source of useRole(). */
export const meQuery = () =>
  queryOptions({
    queryKey: ["me"] as const,
    queryFn: ({ signal }) => apiFetch("/api/me", meSchema, { signal }),
    // Roles change rarely and only with a new token.
    staleTime: 5 * 60_000,
  });
