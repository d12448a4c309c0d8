/**
 * GET /api/operations/{id}: a Spine operation that answered "pending" (an update waiting for
 * Spine's reply, or a long query running as a job). The id is the Spine MessageId. The one wire
 * type for it, used by the server that answers and the pages that poll.
 */
export interface OperationStatus {
  operationId: string;
  /** pending = not yet confirmed by Spine (includes "sent"). */
  state: "pending" | "confirmed" | "failed";
  kind: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  result?: { lrId?: string; flag?: boolean };
  error?: { code: string; message: string; reference: string; retryable: boolean };
}
