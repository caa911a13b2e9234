"use client";

import { useQueries } from "@tanstack/react-query";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { tableDetailQuery } from "@/lib/queries/tables";
import { ApplyResultView, OutcomeBadge } from "./apply-result";
import { PlanSteps } from "./plan-steps";
import { useSequentialApply, type TableProgress } from "./use-sequential-apply";
import styles from "./tables.module.css";

/**
 * "Enable selected": first the exact commands of every selected table (each table's current plan), then, on
 * confirmation, the applies one table at a time with progress and a result per table.
 */
export function EnableDialog({
  open,
  tables,
  stagingReady,
  onClose,
}: {
  open: boolean;
  tables: readonly string[];
  stagingReady: boolean;
  /** `succeeded`: the tables that ended applied or with nothing to do (to clear them from the selection). */
  onClose: (succeeded: readonly string[]) => void;
}) {
  const previews = useQueries({
    queries: tables.map((t) => ({ ...tableDetailQuery(t), enabled: open, staleTime: 0 })),
  });
  const { run, progress, running, reset } = useSequentialApply();
  const started = progress.length > 0;
  const finished = started && !running;
  const loading = previews.some((p) => p.isPending);
  const failedPreview = previews.find((p) => p.isError);
  const commandCount = previews.reduce((n, p) => n + (p.data?.plan.steps.length ?? 0), 0);

  useEffect(() => {
    if (!open) reset();
  }, [open, reset]);

  const close = () => {
    const ok = progress.flatMap((p) =>
      p.state === "done" && (p.result.outcome === "applied" || p.result.outcome === "nothing-to-do") ? [p.table] : [],
    );
    onClose(ok);
  };

  const done = progress.filter((p) => p.state === "done").length;
  const current = progress.find((p) => p.state === "running");
  const announcement = !started
    ? ""
    : running
      ? `Applying ${current?.table ?? ""}: ${done + 1} of ${progress.length}`
      : summarize(progress);

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!running}
      size="lg"
      title={`Enable ${tables.length} table${tables.length === 1 ? "" : "s"}`}
      description={
        started
          ? "Each table runs as its own script; a failed table does not stop the others."
          : "Review the exact commands. Each table's commands run as one script, table after table."
      }
      footer={
        finished ? (
          <Button variant="primary" onClick={close}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={running}>
              Cancel
            </Button>
            <Button
              variant="primary"
              icon="play"
              busy={running}
              disabled={loading || !!failedPreview}
              onClick={() => void run(tables)}
            >
              {running
                ? `Applying ${done + 1} of ${tables.length}…`
                : `Apply ${commandCount} command${commandCount === 1 ? "" : "s"}`}
            </Button>
          </>
        )
      }
    >
      <div role="status" aria-live="polite" className={styles.liveStatus}>
        {announcement}
      </div>
      {!stagingReady && !started ? (
        <p className={styles.warningBox}>
          Staging is not fully set up. Tables whose functions need it will be refused until it is: set up Staging first.
        </p>
      ) : null}
      {failedPreview?.error ? (
        <p className={styles.errorText}>The commands could not be prepared: {failedPreview.error.message}</p>
      ) : null}
      <ol className={styles.bulkList}>
        {tables.map((table, i) => {
          const preview = previews[i];
          const p = progress[i];
          return (
            <li key={table} className={styles.bulkItem}>
              <div className={styles.bulkHead}>
                <h3 className={styles.bulkTitle}>{table}</h3>
                {p ? <OutcomeBadge outcome={p.state === "done" ? p.result.outcome : p.state} /> : null}
              </div>
              {p?.state === "done" ? (
                <ApplyResultView result={p.result} />
              ) : started ? null : preview?.data ? (
                preview.data.plan.blocked.length > 0 ? (
                  <ul className={styles.reasons}>
                    {preview.data.plan.blocked.map((b) => (
                      <li key={b}>Refused: {b}</li>
                    ))}
                  </ul>
                ) : preview.data.plan.steps.length === 0 ? (
                  <p className={styles.muted}>Nothing to do: the cluster already matches.</p>
                ) : (
                  <PlanSteps steps={preview.data.plan.steps} compact />
                )
              ) : preview?.isPending ? (
                <Skeleton height="4rem" />
              ) : null}
            </li>
          );
        })}
      </ol>
    </Dialog>
  );
}

function summarize(progress: readonly TableProgress[]): string {
  const counts = new Map<string, number>();
  for (const p of progress)
    if (p.state === "done") counts.set(p.result.outcome, (counts.get(p.result.outcome) ?? 0) + 1);
  const parts = [...counts].map(([outcome, n]) => `${n} ${outcome.replace(/-/g, " ")}`);
  return `Finished: ${parts.join(", ")}.`;
}
