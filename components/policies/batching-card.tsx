"use client";

import { BatchingForm } from "@/components/forms/batching-form";
import { describeTimespan, parseTimespan } from "@/kql/policies/timespan";
import { formatCount } from "@/lib/format";
import type { PoliciesView } from "@/lib/schemas/policies";
import styles from "./policies.module.css";
import { sourceLabel } from "./source-label";

type Policy = PoliciesView["batching"]["effective"];

function time(span: string): string {
  const ticks = parseTimespan(span);
  return ticks === null ? span : `${span} (${describeTimespan(ticks)})`;
}

function summary(policy: Policy | null): string {
  if (!policy) return "not set";
  return `${time(policy.MaximumBatchingTimeSpan)}, ${formatCount(policy.MaximumNumberOfItems)} items, ${formatCount(policy.MaximumRawDataSizeMB)} MB`;
}

/** Staging's effective ingestion batching policy, its source and each level; the edit form for admins. */
export function BatchingCard({ view, canEdit }: { view: PoliciesView; canEdit: boolean }) {
  const { batching, stagingTable } = view;
  return (
    <section className={styles.card} aria-labelledby="batching-title">
      <h2 id="batching-title">Ingestion batching</h2>
      <p>A batch is sealed and ingested when the first of these limits is reached.</p>
      <dl className={styles.facts}>
        <dt>Maximum time</dt>
        <dd data-testid="batching-effective-time">{time(batching.effective.MaximumBatchingTimeSpan)}</dd>
        <dt>Maximum items</dt>
        <dd>{formatCount(batching.effective.MaximumNumberOfItems)}</dd>
        <dt>Maximum raw size</dt>
        <dd>{formatCount(batching.effective.MaximumRawDataSizeMB)} MB</dd>
        <dt>Source</dt>
        <dd data-testid="batching-source">{sourceLabel(batching.source, stagingTable)}</dd>
        <dt>On {stagingTable}</dt>
        <dd>{summary(batching.table)}</dd>
        <dt>On the database</dt>
        <dd>{summary(batching.database)}</dd>
      </dl>
      {canEdit ? (
        <BatchingForm stagingTable={stagingTable} current={batching.effective} />
      ) : (
        <p className="muted">Only admins can change it.</p>
      )}
    </section>
  );
}
