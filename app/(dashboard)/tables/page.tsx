import type { Metadata } from "next";
import { TablesChecklist } from "@/components/tables/tables-checklist";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Tables" };

export default function TablesPage() {
  return (
    <>
      <PageHeader title="Tables">
        Every Defender XDR table that can be streamed into Azure Data Explorer, and how far its setup is.
      </PageHeader>
      <TablesChecklist />
    </>
  );
}
