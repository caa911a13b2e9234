"use client";

import { useMutation } from "@tanstack/react-query";
import { useRole } from "@/components/auth/use-role";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Icon } from "@/components/ui/icon";
import { applyTableMutation } from "@/lib/queries/tables";
import type { TableDetailResponse } from "@/lib/schemas/table-responses";
import { ApplyResultView, OutcomeBadge } from "./apply-result";
import { PlanSteps } from "./plan-steps";
import styles from "./tables.module.css";

/**
 * The plan (ordered commands with reasons) and, for admins, Apply: the plan runs as one script; while it runs each
 * command is listed as running, then with the cluster's verdict.
 */
export function PlanPanel({ detail }: { detail: TableDetailResponse }) {
  const { isAdmin, isLoading } = useRole();
  const apply = useMutation(applyTableMutation());
  const { plan } = detail;
  const n = plan.steps.length;
  return (
    <Card className={styles.panel} aria-labelledby="plan-title">
      <div className={styles.cardHead}>
        <div className={styles.cardHeadMain}>
          <h2 id="plan-title" className={styles.cardTitle}>
            Plan
          </h2>
          <p className={styles.cardLead}>
            {plan.blocked.length > 0
              ? "The console will not change this table."
              : n === 0
                ? "Nothing to do: the cluster matches what the console generates."
                : `${n} command${n === 1 ? "" : "s"} bring the cluster to the generated state, in this order, as one script.`}
          </p>
        </div>
        <div className={styles.cardHeadEnd}>
          {isAdmin && n > 0 && plan.blocked.length === 0 && !apply.data ? (
            <Button
              variant="primary"
              icon="play"
              busy={apply.isPending}
              onClick={() => apply.mutate(detail.table.name)}
            >
              {apply.isPending ? "Applying…" : `Apply ${n} command${n === 1 ? "" : "s"}`}
            </Button>
          ) : null}
          {apply.data ? (
            <Button variant="secondary" onClick={() => apply.reset()}>
              Dismiss result
            </Button>
          ) : null}
        </div>
      </div>
      {!isAdmin && !isLoading && n > 0 ? (
        <p className={styles.muted}>
          <Icon name="info" size={14} /> Applying needs the console&apos;s admin role.
        </p>
      ) : null}
      <div role="status" aria-live="polite" className={styles.liveStatus}>
        {apply.isPending
          ? `Applying ${n} command${n === 1 ? "" : "s"} to ${detail.table.name}…`
          : apply.data
            ? apply.data.message
            : apply.isError
              ? `Apply failed: ${apply.error.message}`
              : ""}
      </div>
      {plan.blocked.length > 0 ? (
        <ul className={styles.reasons}>
          {plan.blocked.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : null}
      {apply.data ? (
        <div className={styles.resultBlock}>
          <OutcomeBadge outcome={apply.data.outcome} />
          <ApplyResultView result={apply.data} />
        </div>
      ) : apply.isPending ? (
        <ol className={styles.commandResults} aria-label="Commands being applied">
          {plan.steps.map((s) => (
            <li key={s.id} className={styles["cmd-running"]}>
              <span className={styles.miniSpinner} aria-hidden="true" />
              <span>
                <strong>Running</strong> <code>{s.id}</code>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <>
          {apply.isError ? <p className={styles.errorText}>{apply.error.message}</p> : null}
          {n > 0 ? <PlanSteps steps={plan.steps} /> : null}
        </>
      )}
    </Card>
  );
}
