"use client";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { useOperationPoll } from "@/components/api/use-operation-poll";
import { toUiError, type UiError } from "@/lib/schemas/api-error";
import { type WorkgroupChange, workgroupChangeOf } from "@/lib/schemas/workgroup-change";
import type { WorkgroupChangeResponse, WorkgroupMemberChangeInput } from "@/lib/schemas/workgroups";

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
  const idempotencyKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  const mutation = useMutation<WorkgroupChangeResponse, UiError, WorkgroupMemberChangeInput>({
    mutationFn: (body) => apiFetch<WorkgroupChangeResponse>(url, { method: "POST", body }),
  });
  const operationId = mutation.data?.state === "pending" ? mutation.data.operationId : undefined;
  const operation = useOperationPoll(operationId);

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
  else if (mutation.error) phase = { phase: "failed", error: toUiError(mutation.error) };
  else if (mutation.data?.state === "confirmed")
    phase = { phase: "confirmed", change: mutation.data.change, reference: mutation.data.reference };
  else if (mutation.data?.state === "pending") {
    const reference = mutation.data.reference;
    const outcome = operation.outcome;
    if (outcome.state === "confirmed") phase = { phase: "confirmed", change: workgroupChangeOf(action, outcome.result.flag), reference };
    else if (outcome.state === "failed") phase = { phase: "failed", error: outcome.error };
    else phase = { phase: "pending", reference, stillWaiting: outcome.stillWaiting };
  }

  return {
    phase,
    submit,
    checkAgain: operation.checkAgain,
    /** An answer changed: the next submit is a new action with a new key. */
    answersChanged: () => {
      idempotencyKey.current = null;
    },
  };
}
