"use client";

import Link from "next/link";
import { RouteError } from "@/components/ui/route-error";

export default function TableDetailError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError
      error={error}
      retry={retry}
      titleId="table-error-title"
      title="This table could not be shown"
      message="Try again; if it keeps failing, check the server log."
      after={<Link href="/tables">Back to all tables</Link>}
    />
  );
}
