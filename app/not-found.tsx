import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="main">
      <PageHeader title="Page not found">There is no page at this address.</PageHeader>
      <p>
        <Link href="/tables">Go to Tables</Link>
      </p>
    </main>
  );
}
