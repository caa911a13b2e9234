import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableDetail } from "@/components/tables/table-detail";
import { PageHeader } from "@/components/ui/page-header";
import { findTable } from "@/kql/catalog";
import styles from "./detail-page.module.css";

type Params = Promise<{ table: string }>;

// Only catalog names are pages; anything else renders not-found.tsx before any client code runs. (The status stays
// 200: the dashboard's loading boundary has already streamed the shell when notFound() is thrown.)
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
