import type { Metadata } from "next";
import { NotBuiltNotice } from "@/components/ui/not-built-notice";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Health" };

export default function HealthPage() {
  return (
    <>
      <PageHeader title="Health">Whether Defender data is flowing into each table, and how fast.</PageHeader>
      <NotBuiltNotice>
        <p>This page will show, for the last hour, day or week:</p>
        <ul>
          <li>Rows per table over time, with totals, the last event and a stale badge per table.</li>
          <li>
            End-to-end lag per table: ingestion time minus the event&apos;s timestamp, median and 95th percentile.
          </li>
          <li>Ingestion and update-policy failures per table, with their reasons.</li>
        </ul>
        <p>Every chart will have a table alternative. Nothing on this page reads your cluster yet.</p>
      </NotBuiltNotice>
    </>
  );
}
