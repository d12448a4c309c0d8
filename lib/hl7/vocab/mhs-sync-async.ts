import type { RequestInteractionId } from "@/lib/hl7/types";

/**
 * Which interactions the NHS MHS adaptor wraps "sync-async": with `wait-for-response: true` it waits
 * for Spine's async business reply itself and returns it as the HTTP 200 body. From the adaptor's
 * interactions.json (docs/domain.md §8.4): create LR, change status and the details query are
 * `sync_async: true`, and so is the alerts interaction COMT_IN000001UK01; the confirm query is sync. The adaptor answers HTTP 400 when
 * `wait-for-response` is true for anything else. Batch confirm and the sds / sdsquery interactions
 * are not in the adaptor's catalogue at all (INFERRED: not sync-async). One list for the BFF's MHS
 * transport and the simulator's MHS front.
 */
export const MHS_SYNC_ASYNC_INTERACTIONS: readonly RequestInteractionId[] = [
  "REPC_IN010000UK15",
  "REPC_IN040000UK15",
  "QUPC_IN020000UK17",
  "COMT_IN000001UK01",
];

export function isMhsSyncAsync(interactionId: string): boolean {
  return (MHS_SYNC_ASYNC_INTERACTIONS as readonly string[]).includes(interactionId);
}
