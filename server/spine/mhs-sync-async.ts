import "server-only";
import type { RequestInteractionId } from "@/lib/hl7/types";
import { isMhsSyncAsync } from "@/lib/hl7/vocab/mhs-sync-async";

/**
 * The `wait-for-response` header value the MHS adaptor accepts for this interaction: "true" only
 * where it can wrap sync-async (lib/hl7/vocab/mhs-sync-async.ts); otherwise the adaptor answers 202
 * and the business reply arrives later on POST /api/spine/inbound.
 */
export function mhsWaitForResponse(interactionId: RequestInteractionId): "true" | "false" {
  return isMhsSyncAsync(interactionId) ? "true" : "false";
}
