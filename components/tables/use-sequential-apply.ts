"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { ApiError } from "@/lib/api/client";
import { applyTableMutation, invalidateTables } from "@/lib/queries/tables";
import type { ApplyResult } from "@/lib/schemas/table-responses";

export type TableProgress =
  { table: string; state: "queued" | "running" } | { table: string; state: "done"; result: ApplyResult };

const failedResult = (table: string, error: unknown): ApplyResult => {
  const busy = error instanceof ApiError && error.status === 409;
  const message = error instanceof Error ? error.message : "Unexpected error";
  return {
    table,
    outcome: busy ? "busy" : "failed",
    message,
    commands: [],
    failed: busy ? null : { id: "", text: "", reason: message },
    blocked: [],
    appliedAt: new Date().toISOString(),
    appliedBy: "",
  };
};

/**
 * Applies tables one after another (each its own script, `POST /api/tables/[name]/apply`), so the dialog can show
 * real per-table progress; the single bulk request answers only when every table is done. A failed, refused or
 * busy table is recorded and the next one runs. The tables queries are refreshed once at the end.
 */
export function useSequentialApply() {
  const client = useQueryClient();
  const { mutateAsync } = useMutation({ ...applyTableMutation(), onSettled: undefined });
  const [progress, setProgress] = useState<TableProgress[]>([]);
  const [running, setRunning] = useState(false);

  const run = useCallback(
    async (tables: readonly string[]) => {
      setRunning(true);
      const state: TableProgress[] = tables.map((table) => ({ table, state: "queued" }));
      const publish = () => setProgress([...state]);
      publish();
      for (const [index, table] of tables.entries()) {
        state[index] = { table, state: "running" };
        publish();
        let result: ApplyResult;
        try {
          result = await mutateAsync(table);
        } catch (error) {
          result = failedResult(table, error);
        }
        state[index] = { table, state: "done", result };
        publish();
      }
      await invalidateTables(client);
      setRunning(false);
    },
    [client, mutateAsync],
  );

  const reset = useCallback(() => setProgress([]), []);
  return { run, progress, running, reset };
}
