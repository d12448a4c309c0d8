"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import type { UiError } from "@/lib/schemas/api-error";
import type { OperationStatus } from "@/lib/schemas/operations";

/** Poll every 2 s for up to 90 s; after that the person is told it is still waiting and may check again. */
export const OPERATION_POLL_MS = 2_000;
export const OPERATION_MAX_POLLS = 45;
/** A poll that could not reach the app is tried again twice (after 1 s, then 2 s) before it counts as failed. */
export const OPERATION_POLL_RETRIES = 2;

export type OperationOutcome =
  | { state: "pending"; stillWaiting: boolean }
  | { state: "confirmed"; result: NonNullable<OperationStatus["result"]> }
  | { state: "failed"; error: UiError };

/** What the polls have seen so far, for one operation. */
interface PollState {
  operationId: string | undefined;
  status: OperationStatus | undefined;
  /** Polls finished (answered, or failed after their retries). */
  polls: number;
  /** The last poll could not reach the app. */
  unreachable: boolean;
}

const NOTHING_YET: PollState = { operationId: undefined, status: undefined, polls: 0, unreachable: false };

/**
 * Following a Spine operation that answered "pending" (GET /api/operations/{id}) until Spine
 * confirms or refuses it, for any journey that submits an update (LR create or status change,
 * workgroup add or remove). Nothing is polled while `operationId` is undefined. Plain React state
 * and fetch (no query cache: nothing else reads an operation's status).
 *
 * One poll at a time; the next is 2 s after the last answer, while Spine says "pending", up to 45
 * polls. Then — or when a poll could not reach the app — the person is told it is still waiting
 * and may check again (one more poll).
 */
export function useOperationPoll(operationId: string | undefined) {
  const [state, setState] = useState<PollState>(NOTHING_YET);
  const checkAgainRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (operationId === undefined) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;
    let polling = false;
    setState({ ...NOTHING_YET, operationId });

    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });

    async function poll() {
      polling = true;
      let status: OperationStatus | undefined;
      for (let attempt = 0; status === undefined; attempt++) {
        try {
          status = await apiFetch<OperationStatus>(`/api/operations/${operationId}`, { signal: controller.signal });
        } catch {
          if (controller.signal.aborted) return;
          if (attempt >= OPERATION_POLL_RETRIES) break;
          await wait(1_000 * 2 ** attempt);
          if (controller.signal.aborted) return;
        }
      }
      polling = false;
      polls += 1;
      const answered = status;
      setState((current) => ({ operationId, status: answered ?? current.status, polls, unreachable: answered === undefined }));
      const stillPending = answered === undefined || answered.state === "pending";
      if (stillPending && polls < OPERATION_MAX_POLLS) timer = setTimeout(() => void poll(), OPERATION_POLL_MS);
    }

    checkAgainRef.current = () => {
      if (polling) return;
      clearTimeout(timer);
      void poll();
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
      checkAgainRef.current = () => {};
    };
  }, [operationId]);

  // A state left from an earlier operation says nothing about this one.
  const current = state.operationId === operationId ? state : NOTHING_YET;
  const status = current.status;
  let outcome: OperationOutcome;
  if (status?.state === "confirmed") outcome = { state: "confirmed", result: status.result ?? {} };
  else if (status?.state === "failed" && status.error)
    outcome = {
      state: "failed",
      error: {
        code: status.error.code as UiError["code"],
        message: status.error.message,
        reference: status.error.reference,
        retryable: status.error.retryable,
      },
    };
  else outcome = { state: "pending", stillWaiting: current.polls >= OPERATION_MAX_POLLS || current.unreachable };
  const checkAgain = useCallback(() => checkAgainRef.current(), []);
  return { outcome, checkAgain };
}
