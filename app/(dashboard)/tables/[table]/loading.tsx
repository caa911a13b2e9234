import { DetailSkeleton } from "@/components/tables/detail-skeleton";

export default function TableDetailLoading() {
  return <DetailSkeleton />;
}
