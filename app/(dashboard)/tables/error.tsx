"use client";

import { RouteError } from "@/components/ui/route-error";

export default function TablesError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError
      error={error}
      retry={retry}
      titleId="tables-error-title"
      title="The tables could not be shown"
      message="Try again; if it keeps failing, check the server log."
    />
  );
}
