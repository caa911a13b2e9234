import type { Metadata } from "next";
import { NotBuiltNotice } from "@/components/ui/not-built-notice";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Policies" };

export default function PoliciesPage() {
  return (
    <>
      <PageHeader title="Policies">The Staging table&apos;s retention and ingestion batching policies.</PageHeader>
      <NotBuiltNotice>
        <p>This page will show and edit:</p>
        <ul>
          <li>
            Retention of Staging: the effective value and where it comes from, and a check that every update policy
            reading Staging is transactional when retention is 0 seconds.
          </li>
          <li>
            Ingestion batching: the effective time, item and size limits and their source, a form that enforces Azure
            Data Explorer&apos;s limits, and the exact command previewed before it is applied.
          </li>
          <li>Charts of the batches sealed on Staging, and the history of policy changes.</li>
        </ul>
        <p>Nothing on this page reads your cluster yet.</p>
      </NotBuiltNotice>
    </>
  );
}
