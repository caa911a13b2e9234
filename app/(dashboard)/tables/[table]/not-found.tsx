import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { tableNames } from "@/kql/catalog";

export default function TableNotFound() {
  return (
    <>
      <PageHeader title="Table not found">
        The console manages the {tableNames.length} Defender tables the Streaming API delivers; this is not one of them.
        Table names are case-sensitive.
      </PageHeader>
      <p>
        <Link href="/tables">Go to all tables</Link>
      </p>
    </>
  );
}
