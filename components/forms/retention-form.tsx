"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CommandPreview } from "@/components/policies/command-preview";
import { useZodForm } from "@/hooks/use-zod-form";
import { buildAlterMergeTableRetentionCommand } from "@/kql/generate/policies";
import { applyRetentionMutation, POLICIES_KEY } from "@/lib/queries/policies";
import { RETENTION_LIMITS, retentionFormSchema, type RetentionFormInput } from "@/lib/schemas/policies";
import { FormField } from "./form-field";
import styles from "./forms.module.css";
import { SubmitResult } from "./submit-result";

function preview(stagingTable: string, values: RetentionFormInput): string | null {
  try {
    return buildAlterMergeTableRetentionCommand(stagingTable, values);
  } catch {
    return null;
  }
}

/** Edits Staging's retention with `.alter-merge … policy retention softdelete = … [recoverability = …]`. */
export function RetentionForm({ stagingTable }: { stagingTable: string }) {
  const queryClient = useQueryClient();
  const [success, setSuccess] = useState<string | null>(null);
  const form = useZodForm(retentionFormSchema, { defaultValues: { softDelete: "0s", recoverability: undefined } });
  const mutation = useMutation({
    ...applyRetentionMutation(),
    onSuccess: async (result) => {
      setSuccess(`Applied: ${result.command}`);
      await queryClient.invalidateQueries({ queryKey: POLICIES_KEY });
    },
  });
  const values = form.watch();
  const errors = form.formState.errors;
  const limits = RETENTION_LIMITS;

  return (
    <form
      className={styles.form}
      aria-label="Edit retention"
      noValidate
      onSubmit={form.handleSubmit((data) => {
        setSuccess(null);
        mutation.mutate(data);
      })}
    >
      <FormField
        id="retention-softdelete"
        label="Soft-delete period (SoftDeletePeriod)"
        hint={`From ${limits.SoftDeletePeriod.minLabel} to ${limits.SoftDeletePeriod.maxLabel}; ADX default ${limits.SoftDeletePeriod.defaultLabel}. Examples: 0s, 7d, 12:00:00. ${limits.SoftDeletePeriod.meaning}`}
        error={errors.softDelete?.message}
      >
        {(input) => <input {...input} className={styles.input} type="text" {...form.register("softDelete")} />}
      </FormField>
      <FormField
        id="retention-recoverability"
        label="Recoverability"
        hint={`Leave unchanged, or set it; ADX default ${limits.Recoverability.default}. ${limits.Recoverability.meaning}`}
        error={errors.recoverability?.message}
      >
        {(input) => (
          <select
            {...input}
            className={styles.input}
            {...form.register("recoverability", { setValueAs: (v: string) => (v === "" ? undefined : v) })}
          >
            <option value="">Leave unchanged (disabled when the period is 0)</option>
            <option value="disabled">disabled</option>
            <option value="enabled">enabled</option>
          </select>
        )}
      </FormField>
      <CommandPreview id="retention-preview" command={preview(stagingTable, values)} />
      <p className={styles.note}>Retention changes apply to data already in the table, and removal is not immediate.</p>
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? "Applying…" : "Apply retention"}
        </button>
      </div>
      <SubmitResult success={success} error={mutation.error} />
    </form>
  );
}
