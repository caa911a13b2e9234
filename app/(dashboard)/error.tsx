"use client";

import { RouteError } from "@/components/ui/route-error";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError
      error={error}
      retry={retry}
      titleId="error-title"
      title="Something went wrong"
      message="This page could not be shown. Try again; if it keeps failing, check the server log."
    />
  );
}
