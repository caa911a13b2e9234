"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRole } from "@/components/auth/use-role";
import { EmptyState } from "@/components/health/empty-state";
import { QueryState } from "@/components/health/query-state";
import { policiesQuery } from "@/lib/queries/policies";
import { BatchesSection } from "./batches-section";
import { BatchingCard } from "./batching-card";
import { HistoryList } from "./history-list";
import styles from "./policies.module.css";
import { RetentionCard } from "./retention-card";

/** The policies page's client island. Admins get the forms; viewers see the same values read-only (the API enforces). */
export function PoliciesView() {
  const policies = useQuery(policiesQuery());
  const { isAdmin } = useRole();
  return (
    <QueryState query={policies} what="Staging's policies">
      {(view) => (
        <>
          {view.warnings.length ? (
            <ul aria-label="Warnings">
              {view.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
          {view.stagingExists ? (
            <>
              <div className={styles.grid}>
                <RetentionCard view={view} canEdit={isAdmin} />
                <BatchingCard view={view} canEdit={isAdmin} />
              </div>
              <BatchesSection stagingTable={view.stagingTable} />
            </>
          ) : (
            <EmptyState title={`The ${view.stagingTable} table does not exist yet.`}>
              <p>
                Set up Staging on the <Link href="/tables">Tables page</Link> first; its retention and batching can be
                tuned here afterwards.
              </p>
            </EmptyState>
          )}
          <HistoryList stagingTable={view.stagingTable} />
        </>
      )}
    </QueryState>
  );
}
