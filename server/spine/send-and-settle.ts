import "server-only";
import { findByMessageId, markFailed, type OutboxMessage } from "@/server/db/outbox";
import { deliverOutboxMessage } from "./deliver-message";
import type { SpineRuntime } from "./spine-runtime";
import { watchCompletion } from "./wait-for-completion";

/**
 * The one tail every stored Spine send shares (updates, async queries, jobs): send the row's
 * message, record a failure to send, then wait up to `waitMs` for Spine's reply — which may land
 * on any instance. Returns the row as it then stands: final (confirmed or failed), or still open
 * at the deadline (the caller decides: "pending", a job to poll, or a query timeout). The row is
 * watched from before the send, so the reply cannot slip past unseen, and it is not read back
 * while the send's own update showed it still open and nothing has changed it since.
 */
export async function sendAndSettle(rt: SpineRuntime, message: OutboxMessage, waitMs: number): Promise<OutboxMessage | undefined> {
  const watch = await watchCompletion(rt.store, message.messageId);
  let delivery: Awaited<ReturnType<typeof deliverOutboxMessage>>;
  try {
    delivery = await deliverOutboxMessage(rt, message);
  } catch (error) {
    watch.cancel();
    throw error;
  }
  if (delivery.kind === "failed") {
    watch.cancel();
    const marked = await markFailed(rt.store.db, message.messageId, { error: delivery.error, now: rt.now() });
    // Spine's reply beat our error (e.g. the 202 timed out but the reply arrived): the row knows best.
    // Failing it stored no reply; the request is the one just sent.
    return marked.ok
      ? { ...marked.message, requestBody: message.requestBody, replyBody: null }
      : findByMessageId(rt.store.db, message.messageId);
  }
  return watch.settle({
    timeoutMs: delivery.kind === "completed" ? 0 : waitMs,
    pollMs: rt.options.completionPollMs,
    knownOpen: delivery.kind === "accepted" && delivery.stillOpen,
  });
}
