import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableDetail } from "@/components/tables/table-detail";
import { PageHeader } from "@/components/ui/page-header";
import { findTable } from "@/kql/catalog";
import styles from "./detail-page.module.css";

type Params = Promise<{ table: string }>;

// Only catalog names are pages: proxy.ts answers 404 for any other name before this renders; this guard (not-found.tsx,
// status 200 under the loading boundary) covers a request that bypassed the proxy.
async function catalogTable(params: Params) {
  const { table } = await params;
  const entry = findTable(decodeURIComponent(table));
  if (!entry) notFound();
  return entry;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { table } = await params;
  const entry = findTable(decodeURIComponent(table));
  return { title: entry ? entry.name : "Table not found" };
}

export default async function TableDetailPage({ params }: { params: Params }) {
  const entry = await catalogTable(params);
  return (
    <>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/tables">Tables</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{entry.name}</span>
      </nav>
      <PageHeader title={entry.name}>
        Filled from Staging by <code>Filter{entry.name}()</code> through its update policy.
      </PageHeader>
      <TableDetail name={entry.name} />
    </>
  );
}
