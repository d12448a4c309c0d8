import "server-only";
import type { RequestInteractionId } from "@/lib/hl7/types";

/**
 * Whether the NHS MHS adaptor wraps an interaction "sync-async" — with `wait-for-response: true`
 * it waits for Spine's async business reply itself and returns it as the HTTP 200 body.
 *
 * From the adaptor's interactions.json (spine-lr.md §5): create LR, change status and the details
 * query are `sync_async: true`; the confirm query is a sync interaction. The adaptor answers
 * HTTP 400 ("requested sync-async wrap for un-supported sync-async") when `wait-for-response` is
 * true for anything else, so everything else is sent with "false": the adaptor answers 202 and
 * the business reply arrives later on POST /api/spine/inbound.
 *
 * Batch confirm and the sds / sdsquery interactions are not in the adaptor's catalogue at all
 * (INFERRED: not sync-async); a deployment that adds them to its interactions.json with
 * `sync_async: true` flips them here.
 */
export const MHS_SYNC_ASYNC: Readonly<Record<RequestInteractionId, boolean>> = {
  REPC_IN010000UK15: true,
  REPC_IN040000UK15: true,
  QUPC_IN020000UK17: true,
  QUPC_IN010000UK32: false,
  QUPC_IN090000UK03: false,
  QUPC_IN010102UK01: false,
  QUPC_IN041234UK01: false,
  REPC_IN130002UK01: false,
  REPC_IN130004UK01: false,
};

/** The `wait-for-response` header value the adaptor accepts for this interaction. */
export function mhsWaitForResponse(interactionId: RequestInteractionId): "true" | "false" {
  return MHS_SYNC_ASYNC[interactionId] ? "true" : "false";
}
