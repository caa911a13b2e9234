import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

/** The message for a table name that is not in the catalog (names are case-sensitive). */
export function TableNotFoundContent({ tableCount }: { tableCount: number }) {
  return (
    <>
      <PageHeader title="Table not found">
        The console manages the {tableCount} Defender tables the Streaming API delivers; this is not one of them. Table
        names are case-sensitive.
      </PageHeader>
      <p>
        <Link href="/tables">Go to all tables</Link>
      </p>
    </>
  );
}
