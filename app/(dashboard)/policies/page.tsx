import type { Metadata } from "next";
import { PoliciesView } from "@/components/policies/policies-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Policies" };

export default function PoliciesPage() {
  return (
    <>
      <PageHeader title="Policies">The Staging table&apos;s retention and ingestion batching policies.</PageHeader>
      <PoliciesView />
    </>
  );
}
