"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { useOperationPoll } from "@/components/api/use-operation-poll";
import { patientQueryKeys } from "@/components/patient/patient-queries";
import { isUiError, type UiError } from "@/lib/schemas/api-error";
import type { LrUpdateResponse } from "@/lib/schemas/lr";

export type LrUpdatePhase =
  | { phase: "idle" }
  | { phase: "submitting" }
  | { phase: "pending"; reference: string; stillWaiting: boolean }
  | { phase: "confirmed"; lrId: string; reference: string }
  | { phase: "failed"; error: UiError };

/**
 * Submitting an LR update (create or status change) and seeing it through: one request at a time
 * (a synchronous guard catches a double click before React re-renders), then, if Spine has not
 * answered yet, polling the operation until Spine confirms or refuses. Success is only ever shown
 * when Spine confirmed it. On confirmation the patient's cached LR data is invalidated.
 */
export function useLrUpdate<TBody>(url: string, nhsNumber: string) {
  const queryClient = useQueryClient();
  const inFlight = useRef(false);
  const mutation = useMutation<LrUpdateResponse, UiError, TBody>({
    mutationFn: (body) => apiFetch<LrUpdateResponse>(url, { method: "POST", body }),
    onSuccess: (response) => {
      if (response.state === "confirmed") void queryClient.invalidateQueries({ queryKey: patientQueryKeys.all(nhsNumber) });
    },
  });
  const operationId = mutation.data?.state === "pending" ? mutation.data.operationId : undefined;
  const operation = useOperationPoll(operationId);
  const confirmedLater = operation.outcome.state === "confirmed";
  useEffect(() => {
    // The cache must not keep showing the list from before the change.
    if (confirmedLater) void queryClient.invalidateQueries({ queryKey: patientQueryKeys.all(nhsNumber) });
  }, [confirmedLater, queryClient, nhsNumber]);

  const submit = useCallback(
    (body: TBody) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutation.mutate(body, {
        onSettled: () => {
          inFlight.current = false;
        },
      });
    },
    [mutation],
  );

  let phase: LrUpdatePhase = { phase: "idle" };
  if (mutation.isPending) phase = { phase: "submitting" };
  else if (mutation.error)
    phase = { phase: "failed", error: isUiError(mutation.error) ? mutation.error : { code: "internal", message: "Something went wrong." } };
  else if (mutation.data?.state === "confirmed")
    phase = { phase: "confirmed", lrId: mutation.data.lrId, reference: mutation.data.reference };
  else if (mutation.data?.state === "pending") {
    const reference = mutation.data.reference;
    const outcome = operation.outcome;
    if (outcome.state === "confirmed") phase = { phase: "confirmed", lrId: outcome.result.lrId ?? "", reference };
    else if (outcome.state === "failed") phase = { phase: "failed", error: outcome.error };
    else phase = { phase: "pending", reference, stillWaiting: outcome.stillWaiting };
  }

  return { phase, submit, checkAgain: operation.checkAgain, reset: () => mutation.reset() };
}
