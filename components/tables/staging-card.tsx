"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Icon } from "@/components/ui/icon";
import { useRole } from "@/components/auth/use-role";
import { stagingApplyMutation } from "@/lib/queries/tables";
import type { PlanStepDto, StagingStatusDto } from "@/lib/schemas/table-responses";
import { ApplyResultView, OutcomeBadge } from "./apply-result";
import { intakeNotice } from "./intake-notice";
import { PlanSteps } from "./plan-steps";
import styles from "./tables.module.css";

const PREREQUISITES = [
  ["table", "Table"],
  ["mapping", "Ingestion mapping"],
  ["retention", "Retention"],
  ["batching", "Ingestion batching"],
] as const;

/**
 * The Staging preview rebuilds the commands with the `kql/` generators (and their classic-zod policy models): loaded
 * after the first paint, only for admins who can set Staging up, so the checklist's first load stays small.
 */
const loadPreview = () => import("./staging-preview");

const STAGING_BADGE = {
  ready: { tone: "success", icon: "check-circle", label: "Ready" },
  partial: { tone: "warning", icon: "half-circle", label: "Partial" },
  "not-set-up": { tone: "neutral", icon: "circle-dashed", label: "Not set up" },
} as const;

/** The Staging prerequisites every table depends on, each met or not with why, and "Set up Staging" for admins. */
export function StagingCard({ staging }: { staging: StagingStatusDto }) {
  const { isAdmin } = useRole();
  const [open, setOpen] = useState(false);
  // The preview has one step per unmet prerequisite, none when the console refuses to change Staging.
  const canSetUp = staging.blocked.length === 0 && PREREQUISITES.some(([key]) => !staging.prerequisites[key].ok);
  const [shownSteps, setShownSteps] = useState<PlanStepDto[]>([]);
  const badge = STAGING_BADGE[staging.status];
  const waiting = intakeNotice(staging, { isAdmin });
  useEffect(() => {
    if (isAdmin && canSetUp) void loadPreview();
  }, [isAdmin, canSetUp]);

  async function openSetup() {
    const { previewStagingSteps } = await loadPreview();
    setShownSteps(previewStagingSteps(staging));
    setOpen(true);
  }

  return (
    <Card className={styles.stagingCard} aria-labelledby="staging-title">
      <div className={styles.cardHead}>
        <div className={styles.cardHeadMain}>
          <h2 id="staging-title" className={styles.cardTitle}>
            Staging table <code>{staging.table}</code>
            <Badge tone={badge.tone} icon={badge.icon}>
              {badge.label}
            </Badge>
          </h2>
          <p className={styles.cardLead}>
            The Event Hub data connection ingests every Defender record into <code>{staging.table}</code>; each
            table&apos;s update policy copies its rows out.
          </p>
        </div>
        {isAdmin && canSetUp ? (
          <div className={styles.cardHeadEnd}>
            <Button variant="primary" icon="play" onClick={() => void openSetup()}>
              Set up Staging
            </Button>
          </div>
        ) : null}
      </div>
      {waiting ? (
        // Icon and words, not colour alone; a polite live region so a refetch that starts the wait is announced.
        <div
          className={styles.warningBox}
          role="status"
          style={{ display: "flex", gap: "0.5rem", alignItems: "flex-start", marginBottom: "0.75rem" }}
        >
          <Icon name="clock" size={18} />
          <span>{waiting}</span>
        </div>
      ) : null}
      <ul className={styles.prereqs} aria-label="Staging prerequisites">
        {PREREQUISITES.map(([key, label]) => {
          const p = staging.prerequisites[key];
          return (
            <li key={key} className={`${styles.prereq} ${p.ok ? styles.prereqOk : styles.prereqMissing}`}>
              <span className={styles.prereqIcon}>
                <Icon name={p.ok ? "check" : "cross"} size={16} />
              </span>
              <span>
                <span className={styles.prereqLabel}>
                  {label}
                  <span className={styles.srOnly}>:</span>{" "}
                  <span className={styles.prereqState}>{p.ok ? "Met" : "Not met"}</span>
                </span>
                <span className={styles.prereqDetail}>{p.detail}</span>
              </span>
            </li>
          );
        })}
      </ul>
      {staging.blocked.length > 0 ? (
        <div className={styles.warningBox} role="note">
          <strong>The console will not change Staging:</strong>
          <ul className={styles.reasons}>
            {staging.blocked.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {isAdmin ? <StagingSetupDialog open={open} onClose={() => setOpen(false)} steps={shownSteps} /> : null}
    </Card>
  );
}

function StagingSetupDialog({
  open,
  onClose,
  steps,
}: {
  open: boolean;
  onClose: () => void;
  /** The commands as they were when the dialog opened: the list refetches underneath once the apply lands. */
  steps: readonly PlanStepDto[];
}) {
  const apply = useMutation(stagingApplyMutation());
  const close = () => {
    onClose();
    apply.reset();
  };
  const n = steps.length;
  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!apply.isPending}
      size="lg"
      title="Set up Staging"
      description={
        apply.data || apply.isError
          ? undefined
          : `${n} command${n === 1 ? "" : "s"} will run as one script on the cluster, in this order. Nothing else is changed.`
      }
      footer={
        apply.data || apply.isError ? (
          <Button variant="primary" onClick={close}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={apply.isPending}>
              Cancel
            </Button>
            <Button variant="primary" icon="play" busy={apply.isPending} onClick={() => apply.mutate()}>
              {apply.isPending ? "Applying…" : `Apply ${n} command${n === 1 ? "" : "s"}`}
            </Button>
          </>
        )
      }
    >
      <div role="status" aria-live="polite" className={styles.liveStatus}>
        {apply.isPending
          ? "Applying the Staging commands…"
          : apply.data
            ? `Staging: ${apply.data.message}`
            : apply.isError
              ? `Staging could not be set up: ${apply.error.message}`
              : ""}
      </div>
      {apply.data ? (
        <div className={styles.resultBlock}>
          <OutcomeBadge outcome={apply.data.outcome} />
          <ApplyResultView result={apply.data} />
        </div>
      ) : apply.isError ? (
        <p className={styles.errorText}>{apply.error.message}</p>
      ) : (
        <PlanSteps steps={steps} compact />
      )}
    </Dialog>
  );
}
