import type { Metadata } from "next";
import { NotBuiltNotice } from "@/components/ui/not-built-notice";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Tables" };

export default function TablesPage() {
  return (
    <>
      <PageHeader title="Tables">
        Every Defender XDR table that can be streamed into Azure Data Explorer, and how far its setup is.
      </PageHeader>
      <NotBuiltNotice>
        <p>This page will be the setup checklist:</p>
        <ul>
          <li>
            The Staging table&apos;s prerequisites — table, JSON mapping, retention and ingestion batching — with an
            action to set them up.
          </li>
          <li>
            Each streamable Defender table grouped by family (Device, Alerts, Email, Identity, Cloud apps, Preview),
            with its status, whether its function, table and update policy exist, rows in the last hour and the last
            event time.
          </li>
          <li>
            Enabling one or several tables after previewing the exact KQL commands, and a download of the whole setup
            script.
          </li>
        </ul>
        <p>Nothing on this page reads your cluster yet.</p>
      </NotBuiltNotice>
    </>
  );
}
