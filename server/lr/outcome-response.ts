import "server-only";
import type { LrUpdateResponse } from "@/lib/schemas/lr";
import type { UpdateOutcome } from "./lr-context";

/** The one mapping from an update's outcome to what the browser is told: confirmed with the LR id, or pending to poll. */
export function updateResponse(outcome: UpdateOutcome<{ lrId: string }>): LrUpdateResponse {
  return outcome.state === "confirmed"
    ? { state: "confirmed", lrId: outcome.lrId, reference: outcome.messageId }
    : { state: "pending", operationId: outcome.operationId, reference: outcome.messageId };
}
