"use client";

import { RetentionForm } from "@/components/forms/retention-form";
import { describeTimespan, parseTimespan } from "@/kql/policies/timespan";
import type { PoliciesView } from "@/lib/schemas/policies";
import styles from "./policies.module.css";
import { sourceLabel } from "./source-label";
import { TransactionalCheck } from "./transactional-check";

function describe(period: string): string {
  const ticks = parseTimespan(period);
  return ticks === null ? period : `${period} (${describeTimespan(ticks)})`;
}

/** Staging's effective retention, where it comes from and what it means; the edit form for admins. */
export function RetentionCard({ view, canEdit }: { view: PoliciesView; canEdit: boolean }) {
  const { retention, stagingTable } = view;
  return (
    <section className={styles.card} aria-labelledby="retention-title">
      <h2 id="retention-title">Retention</h2>
      <dl className={styles.facts}>
        <dt>Soft-delete period</dt>
        <dd data-testid="retention-effective">{describe(retention.effective.SoftDeletePeriod)}</dd>
        <dt>Recoverability</dt>
        <dd>{retention.effective.Recoverability}</dd>
        <dt>Source</dt>
        <dd data-testid="retention-source">{sourceLabel(retention.source, stagingTable)}</dd>
      </dl>
      <p>
        {retention.isZero
          ? `${stagingTable} keeps nothing: each ingested batch is handed to the update policies and then dropped, so raw messages cost no storage.`
          : `${stagingTable} keeps raw messages for this long after ingestion. The seed sets 0s once every table is enabled, so Staging stores nothing.`}
      </p>
      {retention.isZero ? (
        <>
          <h3>Transactional check</h3>
          <TransactionalCheck view={view} />
        </>
      ) : null}
      {canEdit ? <RetentionForm stagingTable={stagingTable} /> : <p className="muted">Only admins can change it.</p>}
    </section>
  );
}
