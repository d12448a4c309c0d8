"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import type { UiError } from "@/lib/schemas/api-error";
import type { OperationStatus } from "@/lib/schemas/operations";

/** Poll every 2 s for up to 90 s; after that the person is told it is still waiting and may check again. */
export const OPERATION_POLL_MS = 2_000;
export const OPERATION_MAX_POLLS = 45;

export type OperationOutcome =
  | { state: "pending"; stillWaiting: boolean }
  | { state: "confirmed"; result: NonNullable<OperationStatus["result"]> }
  | { state: "failed"; error: UiError };

/**
 * Following a Spine operation that answered "pending" (GET /api/operations/{id}) until Spine
 * confirms or refuses it, for any journey that submits an update (LR create or status change,
 * workgroup add or remove). Nothing is polled while `operationId` is undefined.
 *
 * "Still waiting" is decided from the number of answers received, and the render that shows it is
 * triggered by `dataUpdatedAt`: Spine's last unchanged "pending" is structurally equal to the one
 * before, so without reading a prop that changes on every answer the page would never re-render
 * after the last poll and would say "this page will update" for ever.
 */
export function useOperationPoll(operationId: string | undefined) {
  const queryClient = useQueryClient();
  const operation = useQuery<OperationStatus, UiError>({
    queryKey: ["operation", operationId],
    queryFn: ({ signal }) => apiFetch<OperationStatus>(`/api/operations/${operationId}`, { signal }),
    enabled: operationId !== undefined,
    refetchInterval: (query) =>
      (query.state.data?.state === "pending" || !query.state.data) && query.state.dataUpdateCount < OPERATION_MAX_POLLS
        ? OPERATION_POLL_MS
        : false,
    retry: 2,
    staleTime: 0,
  });
  // Read on every render so each answer re-renders (see above); dataUpdateCount itself is not observable.
  const answeredAt = operation.dataUpdatedAt;
  const status = operation.data;
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
  else {
    const answers = answeredAt > 0 ? (queryClient.getQueryState(["operation", operationId])?.dataUpdateCount ?? 0) : 0;
    outcome = { state: "pending", stillWaiting: answers >= OPERATION_MAX_POLLS || operation.isError };
  }
  return { outcome, checkAgain: () => void operation.refetch() };
}
