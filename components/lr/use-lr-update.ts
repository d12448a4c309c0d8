"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { useOperationPoll } from "@/components/api/use-operation-poll";
import { isUiError, type UiError } from "@/lib/schemas/api-error";
import type { LrUpdateResponse } from "@/lib/schemas/lr";

export type LrUpdatePhase =
  | { phase: "idle" }
  | { phase: "submitting" }
  | { phase: "pending"; reference: string; stillWaiting: boolean }
  | { phase: "confirmed"; lrId: string; reference: string }
  | { phase: "failed"; error: UiError };

/** The request itself: not sent yet, on its way, answered, or refused. */
type Request =
  | { state: "idle" }
  | { state: "sending" }
  | { state: "answered"; response: LrUpdateResponse }
  | { state: "error"; error: UiError };

/**
 * Submitting an LR update (create or status change) and seeing it through: one request at a time
 * (a synchronous guard catches a double click before React re-renders), then, if Spine has not
 * answered yet, polling the operation until Spine confirms or refuses. Success is only ever shown
 * when Spine confirmed it. Plain React state and fetch: nothing on the page caches LR data (the
 * patient page reads Spine on the server when it is opened), so there is nothing to invalidate.
 */
export function useLrUpdate<TBody>(url: string) {
  const inFlight = useRef(false);
  const mounted = useRef(true);
  const [request, setRequest] = useState<Request>({ state: "idle" });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const operationId = request.state === "answered" && request.response.state === "pending" ? request.response.operationId : undefined;
  const operation = useOperationPoll(operationId);

  const submit = useCallback(
    (body: TBody) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setRequest({ state: "sending" });
      apiFetch<LrUpdateResponse>(url, { method: "POST", body }).then(
        (response) => {
          inFlight.current = false;
          if (mounted.current) setRequest({ state: "answered", response });
        },
        (error: unknown) => {
          inFlight.current = false;
          if (mounted.current)
            setRequest({ state: "error", error: isUiError(error) ? error : { code: "internal", message: "Something went wrong." } });
        },
      );
    },
    [url],
  );

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
