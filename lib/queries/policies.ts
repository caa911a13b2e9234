import { mutationOptions, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import {
  applyPolicyResponseSchema,
  policiesViewSchema,
  policyHistorySchema,
  type BatchingRequest,
  type RetentionForm,
} from "@/lib/schemas/policies";

/** Query and mutation factories of the policies API (STYLE §2.3). All keys start with `policies`. */

export const POLICIES_KEY = ["policies"] as const;

/** Staging's retention and batching (effective + source) and the update policies reading it. */
export const policiesQuery = () =>
  queryOptions({
    queryKey: [...POLICIES_KEY, "view"] as const,
    queryFn: ({ signal }) => apiFetch("/api/policies", policiesViewSchema, { signal }),
  });

/** Changes of Staging's policies from the cluster's journal. */
export const policyHistoryQuery = () =>
  queryOptions({
    queryKey: [...POLICIES_KEY, "history"] as const,
    queryFn: ({ signal }) => apiFetch("/api/policies/history", policyHistorySchema, { signal }),
  });

/** `POST /api/policies/retention`; the caller invalidates {@link POLICIES_KEY} on success. */
export const applyRetentionMutation = () =>
  mutationOptions({
    mutationKey: [...POLICIES_KEY, "retention"] as const,
    mutationFn: (form: RetentionForm) =>
      apiFetch("/api/policies/retention", applyPolicyResponseSchema, { method: "POST", body: form }),
  });

/** `POST /api/policies/batching`; the caller invalidates {@link POLICIES_KEY} on success. */
export const applyBatchingMutation = () =>
  mutationOptions({
    mutationKey: [...POLICIES_KEY, "batching"] as const,
    mutationFn: (request: BatchingRequest) =>
      apiFetch("/api/policies/batching", applyPolicyResponseSchema, { method: "POST", body: request }),
  });
