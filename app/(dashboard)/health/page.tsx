import type { Metadata } from "next";
import { HealthDashboard } from "@/components/health/health-dashboard";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Health" };

export default function HealthPage() {
  return (
    <>
      <PageHeader title="Health">Whether Defender data is flowing into each table, and how fast.</PageHeader>
      <HealthDashboard />
    </>
  );
}
