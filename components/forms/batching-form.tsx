"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CommandPreview } from "@/components/policies/command-preview";
import { useZodForm } from "@/hooks/use-zod-form";
import {
  buildAlterTableIngestionBatchingCommand,
  buildDeleteTableIngestionBatchingCommand,
} from "@/kql/generate/policies";
import { METRICS_KEY } from "@/lib/queries/health";
import { applyBatchingMutation, POLICIES_KEY } from "@/lib/queries/policies";
import {
  BATCHING_LIMITS,
  batchingRequestSchema,
  type BatchingField,
  type BatchingRequestInput,
  type IngestionBatchingPolicy,
} from "@/lib/schemas/policies";
import { FormField } from "./form-field";
import styles from "./forms.module.css";
import { SubmitResult } from "./submit-result";

function preview(stagingTable: string, values: BatchingRequestInput): string | null {
  try {
    if (values.mode === "inherit") return buildDeleteTableIngestionBatchingCommand(stagingTable);
    const { mode: _mode, ...policy } = values;
    return buildAlterTableIngestionBatchingCommand(stagingTable, policy);
  } catch {
    return null;
  }
}

const FIELDS: { name: BatchingField; label: string; type: "text" | "number"; examples?: string }[] = [
  {
    name: "MaximumBatchingTimeSpan",
    label: "Maximum batching time (MaximumBatchingTimeSpan)",
    type: "text",
    examples: "Examples: 30s, 00:00:30, 2m.",
  },
  { name: "MaximumNumberOfItems", label: "Maximum number of items (MaximumNumberOfItems)", type: "number" },
  { name: "MaximumRawDataSizeMB", label: "Maximum raw data size in MB (MaximumRawDataSizeMB)", type: "number" },
];

/** Sets Staging's own ingestion batching policy (all three fields), or deletes it to inherit the database's. */
export function BatchingForm({ stagingTable, current }: { stagingTable: string; current: IngestionBatchingPolicy }) {
  const queryClient = useQueryClient();
  const [success, setSuccess] = useState<string | null>(null);
  const form = useZodForm(batchingRequestSchema, { defaultValues: { mode: "table", ...current } });
  const mutation = useMutation({
    ...applyBatchingMutation(),
    onSuccess: async (result) => {
      setSuccess(`Applied: ${result.command}`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: POLICIES_KEY }),
        queryClient.invalidateQueries({ queryKey: METRICS_KEY }),
      ]);
    },
  });
  const values = form.watch();
  // The union's branches have different fields; errors are read per field name.
  const errors = form.formState.errors as Partial<Record<BatchingField | "mode", { message?: string }>>;
  const inherit = values.mode === "inherit";

  return (
    <form
      className={styles.form}
      aria-label="Edit ingestion batching"
      noValidate
      onSubmit={form.handleSubmit((data) => {
        setSuccess(null);
        mutation.mutate(data);
      })}
    >
      <fieldset className={styles.fieldset}>
        <legend>Policy for {stagingTable}</legend>
        <label className={styles.radio}>
          <input type="radio" value="table" {...form.register("mode")} /> Set {stagingTable}&apos;s own policy
        </label>
        <label className={styles.radio}>
          <input type="radio" value="inherit" {...form.register("mode")} /> Inherit from the database (delete{" "}
          {stagingTable}&apos;s policy; the database&apos;s, or ADX&apos;s default, applies)
        </label>
      </fieldset>
      {inherit
        ? null
        : FIELDS.map((field) => {
            const limit = BATCHING_LIMITS[field.name];
            return (
              <FormField
                key={field.name}
                id={`batching-${field.name}`}
                label={field.label}
                hint={`From ${limit.minLabel} to ${limit.maxLabel}; ADX default ${limit.defaultLabel}. ${field.examples ?? ""} ${limit.meaning}`}
                error={errors[field.name]?.message}
              >
                {(input) => (
                  <input
                    {...input}
                    className={styles.input}
                    type={field.type}
                    inputMode={field.type === "number" ? "numeric" : undefined}
                    {...form.register(field.name, field.type === "number" ? { valueAsNumber: true } : {})}
                  />
                )}
              </FormField>
            );
          })}
      <CommandPreview id="batching-preview" command={preview(stagingTable, values)} />
      <p className={styles.note}>
        A batching change can take a few minutes to take effect: batches already open keep the old limits.
      </p>
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? "Applying…" : "Apply batching"}
        </button>
      </div>
      <SubmitResult success={success} error={mutation.error} />
    </form>
  );
}
