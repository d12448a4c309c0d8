"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { isUiError, type UiError } from "@/lib/schemas/api-error";
import type { OperationStatus } from "@/lib/schemas/operations";
import {
  type WorkgroupChange,
  type WorkgroupChangeResponse,
  type WorkgroupMemberChangeInput,
  workgroupChangeOf,
} from "@/lib/schemas/workgroups";

/** Poll every 2 s for up to 90 s, as for LR updates; then the person is told it is still waiting. */
const POLL_MS = 2_000;
const MAX_POLLS = 45;

export type WorkgroupChangePhase =
  | { phase: "idle" }
  | { phase: "submitting" }
  | { phase: "pending"; reference: string; stillWaiting: boolean }
  | { phase: "confirmed"; change: WorkgroupChange; reference: string }
  | { phase: "failed"; error: UiError };

/**
 * Submitting a workgroup add or remove and seeing it through, like an LR update: one request at a
 * time, the same idempotency key for a retry or a double click (a changed answer makes a new one),
 * and — when Spine has not answered yet — polling the operation until it confirms or fails. Only
 * Spine's confirmation counts as done; "already a member" / "was not a member" come from its flag.
 */
export function useWorkgroupChange(
  url: string,
  action: "add" | "remove",
  answers: () => Omit<WorkgroupMemberChangeInput, "idempotencyKey">,
) {
  const queryClient = useQueryClient();
  const idempotencyKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  const mutation = useMutation<WorkgroupChangeResponse, UiError, WorkgroupMemberChangeInput>({
    mutationFn: (body) => apiFetch<WorkgroupChangeResponse>(url, { method: "POST", body }),
  });
  const operationId = mutation.data?.state === "pending" ? mutation.data.operationId : undefined;
  const operation = useQuery<OperationStatus, UiError>({
    queryKey: ["operation", operationId],
    queryFn: ({ signal }) => apiFetch<OperationStatus>(`/api/operations/${operationId}`, { signal }),
    enabled: operationId !== undefined,
    refetchInterval: (query) =>
      (query.state.data?.state === "pending" || !query.state.data) && query.state.dataUpdateCount < MAX_POLLS ? POLL_MS : false,
    retry: 2,
    staleTime: 0,
  });

  const submit = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    idempotencyKey.current ??= crypto.randomUUID();
    mutation.mutate(
      { ...answers(), idempotencyKey: idempotencyKey.current },
      {
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }, [mutation, answers]);

  let phase: WorkgroupChangePhase = { phase: "idle" };
  if (mutation.isPending) phase = { phase: "submitting" };
  else if (mutation.error)
    phase = { phase: "failed", error: isUiError(mutation.error) ? mutation.error : { code: "internal", message: "Something went wrong." } };
  else if (mutation.data?.state === "confirmed")
    phase = { phase: "confirmed", change: mutation.data.change, reference: mutation.data.reference };
  else if (mutation.data?.state === "pending") {
    const reference = mutation.data.reference;
    const status = operation.data;
    if (status?.state === "confirmed") phase = { phase: "confirmed", change: workgroupChangeOf(action, status.result?.flag), reference };
    else if (status?.state === "failed" && status.error) {
      phase = {
        phase: "failed",
        error: {
          code: status.error.code as UiError["code"],
          message: status.error.message,
          reference: status.error.reference,
          retryable: status.error.retryable,
        },
      };
    } else
      phase = {
        phase: "pending",
        reference,
        stillWaiting: (queryClient.getQueryState(["operation", operationId])?.dataUpdateCount ?? 0) >= MAX_POLLS || operation.isError,
      };
  }

  return {
    phase,
    submit,
    checkAgain: () => void operation.refetch(),
    /** An answer changed: the next submit is a new action with a new key. */
    answersChanged: () => {
      idempotencyKey.current = null;
    },
  };
}
