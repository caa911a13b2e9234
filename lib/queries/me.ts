import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";

/** The signed-in caller as the API sees them (name, upn, roles); the source of useRole(). */
export const meQuery = () =>
  queryOptions({
    queryKey: ["me"] as const,
    // The schema (and zod) load with the first request, not with the page (see apiFetch).
    queryFn: ({ signal }) =>
      apiFetch(
        "/api/me",
        import("@/lib/auth/me").then((m) => m.meSchema),
        { signal },
      ),
    // Roles change rarely and only with a new token.
    staleTime: 5 * 60_000,
  });
