"use client";
import { useCallback } from "react";
import { useOnePost } from "@/components/api/use-one-post";
import { useOperationPoll } from "@/components/api/use-operation-poll";
import type { UiError } from "@/lib/schemas/api-error";
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
 * when Spine confirmed it. Plain React state and fetch: nothing on the page caches LR data (the
 * patient page reads Spine on the server when it is opened), so there is nothing to invalidate.
 */
export function useLrUpdate<TBody>(url: string) {
  const { state: request, post } = useOnePost<TBody, LrUpdateResponse>(url);
  const operationId = request.state === "answered" && request.response.state === "pending" ? request.response.operationId : undefined;
  const operation = useOperationPoll(operationId);
  const submit = useCallback((body: TBody) => void post(body), [post]);

  let phase: LrUpdatePhase = { phase: "idle" };
  if (request.state === "sending") phase = { phase: "submitting" };
  else if (request.state === "error") phase = { phase: "failed", error: request.error };
  else if (request.state === "answered" && request.response.state === "confirmed")
    phase = { phase: "confirmed", lrId: request.response.lrId, reference: request.response.reference };
  else if (request.state === "answered" && request.response.state === "pending") {
    const reference = request.response.reference;
    const outcome = operation.outcome;
    if (outcome.state === "confirmed") phase = { phase: "confirmed", lrId: outcome.result.lrId ?? "", reference };
    else if (outcome.state === "failed") phase = { phase: "failed", error: outcome.error };
    else phase = { phase: "pending", reference, stillWaiting: outcome.stillWaiting };
  }

  return { phase, submit, checkAgain: operation.checkAgain };
}
