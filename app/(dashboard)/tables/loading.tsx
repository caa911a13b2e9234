import { ChecklistSkeleton } from "@/components/tables/checklist-skeleton";
import { PageHeader } from "@/components/ui/page-header";

export default function TablesLoading() {
  return (
    <>
      <PageHeader title="Tables" />
      <ChecklistSkeleton />
    </>
  );
}
