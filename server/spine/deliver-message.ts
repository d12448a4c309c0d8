import "server-only";
import type { Hl7Reply, OutboundHl7, RequestInteractionId } from "@/lib/hl7";
import { countSend, markConfirmed, markFailed, markSent, type OutboxMessage, type OutboxTransitionResult } from "@/server/db/outbox";
import type { OutboxError } from "@/server/db/schema";
import { interactionPolicy, patternOf } from "./interaction-policy";
import { attemptsOf, sendWithRetry } from "./send-with-retry";
import { isSpineCallError, type SpineCallError } from "./spine-call-error";
import { callFailureToOutboxError, judgeReply } from "./spine-failure";
import type { SpineRuntime } from "./spine-runtime";

/**
 * Send one stored outbox message (first send, a user's retry, or the worker's re-send) with the
 * MessageId it was stored under, and record what happened. Shared by the service and the worker
 * so both paths treat Spine's answers identically.
 */
export type DeliveryResult =
  /** `stillOpen`: the row was still waiting for Spine's reply when the send was recorded. */
  | { kind: "accepted"; stillOpen: boolean }
  | { kind: "completed"; confirmed: boolean }
  | { kind: "failed"; error: OutboxError; callError: SpineCallError };

/** Record a reply Spine gave us directly (sync SOAP, MHS wait-for-response). */
export async function completeWithReply(
  rt: SpineRuntime,
  messageId: string,
  reply: Hl7Reply,
  rawReply: string,
  requestInteractionId?: string,
): Promise<OutboxTransitionResult> {
  const verdict = judgeReply(reply, requestInteractionId);
  return verdict.ok
    ? markConfirmed(rt.store.db, messageId, { replyBody: rawReply, now: rt.now() })
    : markFailed(rt.store.db, messageId, { error: verdict.error!, replyBody: rawReply, now: rt.now() });
}

/** When to look at a sent message again: reliable ones are re-sent, the rest only expire. */
export function nextLookAt(rt: SpineRuntime, message: Pick<OutboxMessage, "interactionId" | "persistUntil">): Date {
  const interactionId = message.interactionId as RequestInteractionId;
  const policy = interactionPolicy(interactionId, rt.options.timeScale);
  if (patternOf(interactionId) === "async-reliable") return new Date(rt.now().getTime() + policy.resendAfterMs);
  return message.persistUntil;
}

export async function deliverOutboxMessage(rt: SpineRuntime, message: OutboxMessage): Promise<DeliveryResult> {
  // The stored bytes are the message: re-sent as built, never parsed back or rebuilt.
  const outbound: OutboundHl7 = {
    interactionId: message.interactionId as RequestInteractionId,
    messageId: message.messageId,
    hl7: message.requestBody,
  };
  const policy = interactionPolicy(outbound.interactionId, rt.options.timeScale);
  try {
    const { outcome } = await sendWithRetry(rt.transport, { message: outbound, conversationId: message.messageId }, policy, {
      log: rt.log,
      sleep: rt.sleep,
    });
    if (outcome.kind === "accepted") {
      // If the reply already landed (fast Spine, other instance) the row is final and this is a no-op.
      const sent = await markSent(rt.store.db, message.messageId, { nextAttemptAt: nextLookAt(rt, message), now: rt.now() });
      // Spine's reply got here first and made the row final: the send still counts.
      if (!sent.ok && sent.reason === "invalid_transition") await countSend(rt.store.db, message.messageId, { now: rt.now() });
      return { kind: "accepted", stillOpen: sent.ok };
    }
    const result = await completeWithReply(rt, message.messageId, outcome.reply, outcome.rawReply, message.interactionId);
    return { kind: "completed", confirmed: result.ok && result.message.state === "confirmed" };
  } catch (error) {
    if (!isSpineCallError(error)) throw error;
    const attempts = attemptsOf(error);
    rt.log.warn(
      { messageId: message.messageId, interactionId: message.interactionId, failure: error.failure, attempts },
      "Spine send failed",
    );
    return { kind: "failed", error: callFailureToOutboxError(error, attempts), callError: error };
  }
}
